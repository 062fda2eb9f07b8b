/**
 * Helpers for implementers: the JSON conventions of the wire format.
 *
 * <p>Tier: support.
 */
@NullMarked
package io.sreagent.core.support;

import org.jspecify.annotations.NullMarked;
