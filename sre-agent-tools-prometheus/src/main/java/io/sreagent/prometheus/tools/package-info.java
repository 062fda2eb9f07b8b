/**
 * The {@code prometheus.*} agent tools and their {@link io.sreagent.core.spi.ToolProvider}.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.prometheus.tools;

import org.jspecify.annotations.NullMarked;
