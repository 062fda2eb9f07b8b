package io.sreagent.core.incident;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the workflow concluded about one incident: the decision JSON of the HTTP API and the CLI.
 *
 * @param incidentId id of the incident
 * @param trigger    what started it
 * @param rootCause  the root cause
 * @param confidence 0..1
 * @param evidence   the evidence, strongest first
 * @param actions    proposed actions with status and guard verdict
 * @param degraded   sources that could not be consulted, with why
 * @param transcript the run's messages, one line each
 * @param durationMs how long the diagnosis took
 * @param llm        what models contributed, or null when the workflow ran without a model
 */
public record Decision(String incidentId, Trigger trigger, RootCause rootCause, double confidence,
                       List<Evidence> evidence, List<ProposedAction> actions, List<String> degraded,
                       List<TranscriptEntry> transcript, long durationMs, @Nullable ModelReport llm) {
    public Decision {
        // A list a store left out (an empty array dropped on the way) reads as empty.
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        actions = actions == null ? List.of() : List.copyOf(actions);
        degraded = degraded == null ? List.of() : List.copyOf(degraded);
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
    }

    /** A decision made without a model. */
    public Decision(String incidentId, Trigger trigger, RootCause rootCause, double confidence, List<Evidence> evidence,
                    List<ProposedAction> actions, List<String> degraded, List<TranscriptEntry> transcript,
                    long durationMs) {
        this(incidentId, trigger, rootCause, confidence, evidence, actions, degraded, transcript, durationMs, null);
    }

    /** A copy with other actions (an approval moved one on). */
    public Decision withActions(List<ProposedAction> newActions) {
        return new Decision(incidentId, trigger, rootCause, confidence, evidence, newActions, degraded, transcript,
                durationMs, llm);
    }
}
