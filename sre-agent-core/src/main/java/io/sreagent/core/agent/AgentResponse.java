package io.sreagent.core.agent;

import io.sreagent.core.message.HandoffMessage;
import io.sreagent.core.message.Message;
import io.sreagent.core.message.StopMessage;
import java.util.List;
import java.util.Optional;

/**
 * What an agent said in one turn.
 *
 * @param messages the messages, in order; a {@link HandoffMessage} or {@link StopMessage}, if any, is the last
 */
public record AgentResponse(List<Message> messages) {
    public AgentResponse {
        messages = List.copyOf(messages);
    }

    /** A response of these messages. */
    public static AgentResponse of(Message... messages) {
        return new AgentResponse(List.of(messages));
    }

    /** The handoff this response ends with, if any. */
    public Optional<HandoffMessage> handoff() {
        return last() instanceof HandoffMessage h ? Optional.of(h) : Optional.empty();
    }

    /** Whether the response ends with a stop. */
    public boolean stops() {
        return last() instanceof StopMessage;
    }

    private Message last() {
        return messages.isEmpty() ? null : messages.get(messages.size() - 1);
    }
}
