/**
 * Scenarios: loading, parsing and the values a scenario holds (objects, metrics, logs, trigger, clock).
 */
package io.sreagent.testkit.scenario;
