/**
 * The embedded Loki HTTP API over a scenario's logs.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.testkit.loki;

import org.jspecify.annotations.NullMarked;
