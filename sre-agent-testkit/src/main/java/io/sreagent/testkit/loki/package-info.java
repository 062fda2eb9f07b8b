/**
 * The embedded Loki HTTP API over a scenario's logs.
 */
package io.sreagent.testkit.loki;
