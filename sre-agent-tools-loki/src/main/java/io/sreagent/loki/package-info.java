/**
 * Loki for sre-agent: a client of Loki's HTTP API, a safe LogQL builder and the {@code loki.*} tools
 * ({@code loki.query_range}, {@code loki.log_patterns}).
 */
package io.sreagent.loki;
