/**
 * Internals of the embedded Loki (LogQL subset, HTTP handler); not API.
 */
package io.sreagent.testkit.loki.internal;
