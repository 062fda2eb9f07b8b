package io.sreagent.core.message;

import io.sreagent.core.incident.Finding;
import java.time.Instant;
import java.util.Objects;

/**
 * Structured evidence an agent found, with the category it supports and a confidence.
 *
 * @param source  the agent
 * @param at      when
 * @param finding the evidence
 */
public record FindingMessage(String source, Instant at, Finding finding) implements Message {
    public FindingMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(finding, "finding");
    }

    @Override
    public String render() {
        return String.format("finding %s on %s (%.2f): %s", finding.category(), finding.resource(), finding.confidence(),
                finding.summary());
    }
}
