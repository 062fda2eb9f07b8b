/**
 * io.sreagent.testkit.events
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.testkit.events;

import org.jspecify.annotations.NullMarked;
