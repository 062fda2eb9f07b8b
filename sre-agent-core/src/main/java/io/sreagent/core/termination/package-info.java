/**
 * Termination conditions, composable with and/or, with per-run state.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.termination;

import org.jspecify.annotations.NullMarked;
