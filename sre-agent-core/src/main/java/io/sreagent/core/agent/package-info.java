/**
 * Agents: the Agent interface, the context of a turn, the tools bound to a run, cancellation.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.agent;

import org.jspecify.annotations.NullMarked;
