/**
 * Helpers of this module that are not API: error mapping, argument parsing, quantities and timestamps.
 *
 * <p>Tier: internal.
 */
@NullMarked
package io.sreagent.k8s.internal;

import org.jspecify.annotations.NullMarked;
