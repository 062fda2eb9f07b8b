package io.sreagent.core.incident;

import java.util.List;

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
 */
public record Decision(String incidentId, Trigger trigger, RootCause rootCause, double confidence,
                       List<Evidence> evidence, List<ProposedAction> actions, List<String> degraded,
                       List<TranscriptEntry> transcript, long durationMs) {
    public Decision {
        evidence = List.copyOf(evidence);
        actions = List.copyOf(actions);
        degraded = List.copyOf(degraded);
        transcript = List.copyOf(transcript);
    }
}
