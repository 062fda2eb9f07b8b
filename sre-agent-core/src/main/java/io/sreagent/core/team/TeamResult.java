package io.sreagent.core.team;

import io.sreagent.core.message.Message;
import io.sreagent.core.termination.StopReason;
import java.util.List;

/**
 * What a team run produced.
 *
 * @param messages   every message members produced, in order (the task excluded)
 * @param stopReason why the run stopped
 * @param failures   members that failed, typed; empty when none did
 */
public record TeamResult(List<Message> messages, StopReason stopReason, List<AgentFailure> failures) {
    public TeamResult {
        messages = List.copyOf(messages);
        failures = List.copyOf(failures);
    }

    /** Whether any member failed. */
    public boolean failed() {
        return !failures.isEmpty();
    }
}
