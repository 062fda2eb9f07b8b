/**
 * Scenarios: loading, parsing and the values a scenario holds (objects, metrics, logs, trigger, clock).
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.testkit.scenario;

import org.jspecify.annotations.NullMarked;
