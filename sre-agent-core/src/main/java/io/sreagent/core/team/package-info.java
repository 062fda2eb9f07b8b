/**
 * Teams: swarm, orchestrator, sequential, round-robin and parallel teams, and selection strategies.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.team;

import org.jspecify.annotations.NullMarked;
