/**
 * The contract a tool module implements: ToolProvider and the context it is given.
 *
 * <p>Tier: SPI.
 */
@NullMarked
package io.sreagent.core.spi;

import org.jspecify.annotations.NullMarked;
