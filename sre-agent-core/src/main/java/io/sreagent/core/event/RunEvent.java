package io.sreagent.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.message.Message;
import java.time.Instant;

/**
 * Something that happened during a run: a turn, a message, a tool call, a handoff, a termination, a decision.
 *
 * <p>Events carry the run id and a sequence number that increases by one per event of a run, in emission order.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunEvent.TurnStarted.class, name = "turn"),
        @JsonSubTypes.Type(value = RunEvent.MessageEmitted.class, name = "message"),
        @JsonSubTypes.Type(value = RunEvent.ToolCalled.class, name = "tool_call"),
        @JsonSubTypes.Type(value = RunEvent.ToolReturned.class, name = "tool_result"),
        @JsonSubTypes.Type(value = RunEvent.HandedOff.class, name = "handoff"),
        @JsonSubTypes.Type(value = RunEvent.Terminated.class, name = "termination"),
        @JsonSubTypes.Type(value = RunEvent.ModelCalled.class, name = "model_call"),
        @JsonSubTypes.Type(value = RunEvent.Decided.class, name = "decision")
})
public sealed interface RunEvent {

    /** The run. */
    String runId();

    /** Position of this event in its run, from 1. */
    long sequence();

    /** When, on the run's clock. */
    Instant at();

    /** An agent starts a turn. */
    record TurnStarted(String runId, long sequence, Instant at, String team, String agent, int turn) implements RunEvent {
    }

    /** An agent produced a message. */
    record MessageEmitted(String runId, long sequence, Instant at, String team, Message message) implements RunEvent {
    }

    /** An agent called a tool. */
    record ToolCalled(String runId, long sequence, Instant at, String agent, String toolId, JsonNode arguments)
            implements RunEvent {
    }

    /** A tool call returned. */
    record ToolReturned(String runId, long sequence, Instant at, String agent, String toolId, boolean error,
                        String summary, long durationMicros) implements RunEvent {
    }

    /** Control moved between agents. */
    record HandedOff(String runId, long sequence, Instant at, String team, String from, String to) implements RunEvent {
    }

    /** A team or the workflow stopped. */
    record Terminated(String runId, long sequence, Instant at, String team, String condition, String reason)
            implements RunEvent {
    }

    /**
     * An agent called a model: which, the tokens the call spent (as the model reported them, else estimated at four
     * characters a token), how long it took, and how many tools it asked for.
     */
    record ModelCalled(String runId, long sequence, Instant at, String agent, String model, long inputTokens,
                       long outputTokens, boolean estimated, long durationMillis, int toolCalls) implements RunEvent {
    }

    /** The workflow reached a decision. */
    record Decided(String runId, long sequence, Instant at, JsonNode decision) implements RunEvent {
    }
}
