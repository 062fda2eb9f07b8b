package io.sreagent.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An agent's request to call a tool.
 *
 * @param source    the agent
 * @param at        when
 * @param callId    id pairing this request with its {@link ToolResultMessage}
 * @param toolId    the tool's namespaced id
 * @param arguments the arguments as a JSON object
 */
public record ToolCallMessage(String source, Instant at, String callId, String toolId, JsonNode arguments)
        implements Message {
    public ToolCallMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(callId, "call_id");
        Objects.requireNonNull(toolId, "tool_id");
        Objects.requireNonNull(arguments, "arguments");
    }

    @Override
    public String render() {
        return "call " + toolId + " " + arguments;
    }
}
