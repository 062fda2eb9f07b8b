package io.sreagent.core.team;

import java.util.Objects;

/**
 * A declared edge along which control may move in a {@link Swarm}; what an LLM agent sees as a transfer tool.
 *
 * @param source      the agent handing off
 * @param target      the agent receiving control
 * @param description when to take this edge
 */
public record Handoff(String source, String target, String description) {
    public Handoff {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        if (description == null) {
            description = "hand off to " + target;
        }
    }
}
