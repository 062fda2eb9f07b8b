/**
 * The embedded Prometheus HTTP API over a scenario's metrics.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.testkit.prometheus;

import org.jspecify.annotations.NullMarked;
