/**
 * Runnable examples of hosting the library.
 *
 * <p>Tier: examples.
 */
@NullMarked
package io.sreagent.examples;

import org.jspecify.annotations.NullMarked;
