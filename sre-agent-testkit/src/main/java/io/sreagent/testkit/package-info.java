/**
 * Test kit: frozen incidents (scenarios) served through the real Kubernetes, Prometheus and Loki APIs; start here with {@link io.sreagent.testkit.EmbeddedScenario}.
 */
package io.sreagent.testkit;
