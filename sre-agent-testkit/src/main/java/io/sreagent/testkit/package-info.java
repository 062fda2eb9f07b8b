/**
 * Test kit: frozen incidents (scenarios) served through the real Kubernetes, Prometheus and Loki APIs; start here with {@link io.sreagent.testkit.EmbeddedScenario}.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.testkit;

import org.jspecify.annotations.NullMarked;
