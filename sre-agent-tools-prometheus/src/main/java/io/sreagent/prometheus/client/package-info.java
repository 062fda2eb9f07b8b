/**
 * A client of the Prometheus HTTP API over okhttp, with typed results and typed failures.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.prometheus.client;

import org.jspecify.annotations.NullMarked;
