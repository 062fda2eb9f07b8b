package io.sreagent.core.message;

import java.time.Instant;
import java.util.Objects;

/**
 * Moves control from the source agent to {@code target}; the only way the next speaker of a Swarm is chosen.
 *
 * @param source the agent handing off
 * @param at     when
 * @param target the agent that speaks next
 * @param reason why, for the transcript and for the next agent
 */
public record HandoffMessage(String source, Instant at, String target, String reason) implements Message {
    public HandoffMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(target, "target");
        if (reason == null) {
            reason = "";
        }
    }

    @Override
    public String render() {
        return "handoff to " + target + (reason.isEmpty() ? "" : ": " + reason);
    }
}
