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
        findings = List.copyOf(findings);
        hypotheses = List.copyOf(hypotheses);
        actions = List.copyOf(actions);
        degraded = List.copyOf(degraded);
        timeline = List.copyOf(timeline);
        facts = Map.copyOf(facts);
        completedSteps = List.copyOf(completedSteps);
        transcript = List.copyOf(transcript);
        if (tokenUsage == null) {
            tokenUsage = TokenUsage.NONE;
        }
    }
}
