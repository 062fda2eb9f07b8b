/**
 * The embedded Prometheus HTTP API over a scenario's metrics.
 */
package io.sreagent.testkit.prometheus;
