/**
 * The HTTP API over an SRE workflow: SreServer, embeddable in a host's JVM or run by {@code ./sre-agent serve}.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.server;

import org.jspecify.annotations.NullMarked;
