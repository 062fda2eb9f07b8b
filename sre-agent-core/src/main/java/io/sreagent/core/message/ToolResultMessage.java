package io.sreagent.core.message;

import io.sreagent.core.tool.ToolResult;
import java.time.Instant;
import java.util.Objects;

/**
 * What a tool returned to an agent's {@link ToolCallMessage}.
 *
 * @param source the agent that made the call
 * @param at     when the result arrived
 * @param callId the id of the request
 * @param toolId the tool's id
 * @param result the result (possibly an error)
 */
public record ToolResultMessage(String source, Instant at, String callId, String toolId, ToolResult result)
        implements Message {
    public ToolResultMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(callId, "call_id");
        Objects.requireNonNull(toolId, "tool_id");
        Objects.requireNonNull(result, "result");
    }

    @Override
    public String render() {
        String text = result.text();
        return toolId + (result.isError() ? " failed: " : " -> ") + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
