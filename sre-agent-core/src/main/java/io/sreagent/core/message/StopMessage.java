package io.sreagent.core.message;

import java.time.Instant;
import java.util.Objects;

/**
 * An agent's statement that its work (or the team's) is finished.
 *
 * @param source the agent
 * @param at     when
 * @param reason why it stops
 */
public record StopMessage(String source, Instant at, String reason) implements Message {
    public StopMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        if (reason == null) {
            reason = "";
        }
    }

    @Override
    public String render() {
        return "stop" + (reason.isEmpty() ? "" : ": " + reason);
    }
}
