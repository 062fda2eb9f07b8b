/**
 * The bridge from agents to langchain4j chat models.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.core.llm;

import org.jspecify.annotations.NullMarked;
