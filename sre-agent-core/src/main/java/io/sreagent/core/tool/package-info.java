/**
 * Tools: the Tool interface tool authors implement (SPI) and the registry, interceptors and results hosts use (API).
 *
 * <p>Tier: API and SPI.
 */
@NullMarked
package io.sreagent.core.tool;

import org.jspecify.annotations.NullMarked;
