package io.sreagent.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.message.Message;
import java.util.List;
import java.util.Map;

/**
 * The whole state of a {@link WorkflowContext} as one immutable, JSON-serialisable value, so a run that waits hours
 * for an approval can be saved and resumed in another process.
 *
 * @param incidentId     the incident
 * @param trigger        what started it
 * @param findings       evidence so far
 * @param hypotheses     candidate causes, best first
 * @param actions        proposed actions
 * @param degraded       sources that could not be consulted
 * @param tokenUsage     model tokens spent
 * @param timeline       what happened, in order
 * @param facts          named facts agents share (resolved workload, revision, ...)
 * @param completedSteps orchestrator steps already done (a resumed run skips them)
 * @param transcript     messages so far
 */
public record WorkflowState(String incidentId, Trigger trigger, List<Finding> findings, List<Hypothesis> hypotheses,
                            List<ProposedAction> actions, List<String> degraded, TokenUsage tokenUsage,
                            List<TimelineEntry> timeline, Map<String, JsonNode> facts, List<String> completedSteps,
                            List<Message> transcript) {
    public WorkflowState {
        // A list a store left out (an empty array dropped on the way) reads as empty.
        findings = findings == null ? List.of() : List.copyOf(findings);
        hypotheses = hypotheses == null ? List.of() : List.copyOf(hypotheses);
        actions = actions == null ? List.of() : List.copyOf(actions);
        degraded = degraded == null ? List.of() : List.copyOf(degraded);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        completedSteps = completedSteps == null ? List.of() : List.copyOf(completedSteps);
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
        if (tokenUsage == null) {
            tokenUsage = TokenUsage.NONE;
        }
    }
}
