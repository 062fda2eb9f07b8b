package io.sreagent.core.incident;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line of evidence in a decision.
 *
 * @param source  {@code kubernetes}, {@code prometheus}, {@code loki} or {@code llm}
 * @param summary what it shows
 * @param detail  structured facts
 */
public record Evidence(String source, String summary, JsonNode detail) {
}
