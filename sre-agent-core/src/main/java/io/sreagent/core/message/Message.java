package io.sreagent.core.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * One immutable entry of a run's transcript: what an agent said, asked a tool, learned, or decided.
 *
 * <p>Every message names its source agent and carries a timestamp read from the run's injected {@link java.time.Clock}.
 * The hierarchy is sealed and round-trips through Jackson with a {@code type} discriminator, so a transcript can be
 * saved and restored.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TextMessage.class, name = "text"),
        @JsonSubTypes.Type(value = ToolCallMessage.class, name = "tool_call"),
        @JsonSubTypes.Type(value = ToolResultMessage.class, name = "tool_result"),
        @JsonSubTypes.Type(value = HandoffMessage.class, name = "handoff"),
        @JsonSubTypes.Type(value = FindingMessage.class, name = "finding"),
        @JsonSubTypes.Type(value = StopMessage.class, name = "stop")
})
public sealed interface Message
        permits TextMessage, ToolCallMessage, ToolResultMessage, HandoffMessage, FindingMessage, StopMessage {

    /** The agent that produced this message. */
    String source();

    /** When it was produced, on the run's clock. */
    Instant at();

    /** A one-line rendering for transcripts and progress output. */
    String render();
}
