package io.sreagent.core.message;

import java.time.Instant;
import java.util.Objects;

/**
 * Free text from an agent: a reasoning step, a summary, an answer to a person.
 *
 * @param source  the agent
 * @param at      when
 * @param content the text
 */
public record TextMessage(String source, Instant at, String content) implements Message {
    public TextMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String render() {
        return content;
    }
}
