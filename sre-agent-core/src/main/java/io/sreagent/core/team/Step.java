package io.sreagent.core.team;

import java.util.List;
import java.util.Objects;

/**
 * One step the orchestrator takes: one participant, or several that run in parallel because they are independent.
 *
 * @param id           stable id of the step (a resumed run skips completed ids)
 * @param participants names of the participants
 * @param why          why this step now
 */
public record Step(String id, List<String> participants, String why) {
    public Step {
        Objects.requireNonNull(id, "id");
        participants = List.copyOf(participants);
        if (participants.isEmpty()) {
            throw new IllegalArgumentException("step " + id + " has no participants");
        }
        if (why == null) {
            why = "";
        }
    }
}
