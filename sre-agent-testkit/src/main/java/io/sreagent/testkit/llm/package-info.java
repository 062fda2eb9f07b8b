/**
 * io.sreagent.testkit.llm
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.testkit.llm;

import org.jspecify.annotations.NullMarked;
