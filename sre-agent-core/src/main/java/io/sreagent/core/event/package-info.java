/**
 * Run events for listeners (a UI, a tracer) and the bus that delivers them.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.event;

import org.jspecify.annotations.NullMarked;
