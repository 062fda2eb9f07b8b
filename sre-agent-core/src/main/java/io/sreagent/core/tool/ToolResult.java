package io.sreagent.core.tool;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Optional;

/**
 * What a tool call returned: structured JSON for rules, a compact text rendering for a model, or an error.
 *
 * @param data  the structured result (an empty object on error)
 * @param text  a compact rendering for an LLM; on error the error message
 * @param error the failure, or null when the call succeeded
 */
public record ToolResult(JsonNode data, String text, ToolError error) {

    public ToolResult {
        if (data == null) {
            data = JsonNodeFactory.instance.objectNode();
        }
        if (text == null) {
            text = error != null ? error.message() : data.toString();
        }
    }

    /** A successful result. */
    public static ToolResult ok(JsonNode data, String text) {
        return new ToolResult(data, text, null);
    }

    /** A failed result. */
    public static ToolResult error(ToolError.Kind kind, String message) {
        return new ToolResult(null, message, new ToolError(kind, message));
    }

    /** Whether the call failed. */
    @JsonIgnore
    public boolean isError() {
        return error != null;
    }

    /** The failure, if any. */
    @JsonIgnore
    public Optional<ToolError> failure() {
        return Optional.ofNullable(error);
    }
}
