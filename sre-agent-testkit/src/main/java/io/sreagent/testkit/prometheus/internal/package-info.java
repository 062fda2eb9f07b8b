/**
 * Internals of the embedded Prometheus (PromQL parser and evaluator, HTTP handler); not API.
 *
 * <p>Tier: internal; not for hosts, may change in any release.
 */
@NullMarked
package io.sreagent.testkit.prometheus.internal;

import org.jspecify.annotations.NullMarked;
