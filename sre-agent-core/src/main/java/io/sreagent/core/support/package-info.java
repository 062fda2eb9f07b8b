/**
 * Helpers for implementers: the JSON conventions of the wire format, and the edit distance of names.
 *
 * <p>Tier: support.
 */
@NullMarked
package io.sreagent.core.support;

import org.jspecify.annotations.NullMarked;
