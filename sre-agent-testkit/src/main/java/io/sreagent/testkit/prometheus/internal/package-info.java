/**
 * Internals of the embedded Prometheus (PromQL parser and evaluator, HTTP handler); not API.
 */
package io.sreagent.testkit.prometheus.internal;
