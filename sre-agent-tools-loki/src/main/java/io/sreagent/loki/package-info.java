/**
 * Loki for sre-agent: a client of Loki's HTTP API, a safe LogQL builder and the {@code loki.*} tools
 * ({@code loki.query_range}, {@code loki.log_patterns}).
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.loki;

import org.jspecify.annotations.NullMarked;
