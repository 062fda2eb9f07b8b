/**
 * Internals of the embedded Loki (LogQL subset, HTTP handler); not API.
 *
 * <p>Tier: internal; not for hosts, may change in any release.
 */
@NullMarked
package io.sreagent.testkit.loki.internal;

import org.jspecify.annotations.NullMarked;
