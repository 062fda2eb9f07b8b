/** The {@code prometheus.*} agent tools and their {@link io.sreagent.core.spi.ToolProvider}. */
package io.sreagent.prometheus.tools;
