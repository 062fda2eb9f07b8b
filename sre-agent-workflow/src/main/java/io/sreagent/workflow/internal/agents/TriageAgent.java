package io.sreagent.workflow.internal.agents;

import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.workflow.diagnosis.EventSignals;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Classifies the trigger from its wording alone, forms the first hypotheses (weak priors the investigation
 * confirms or overrules: on its own a prior stays below the resolver's UNKNOWN threshold) and says which teams the
 * investigation needs.
 */
public final class TriageAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "triage";

    public TriageAgent() {
        super(NAME, "Classifies the incident from the triggering event and plans the investigation");
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        Trigger t = ctx.workflow().trigger();
        List<Message> out = new ArrayList<>();
        List<EventSignals.Signal> signals = EventSignals.classify(t.reason(), t.message());
        for (EventSignals.Signal s : signals.stream().limit(2).toList()) {
            out.add(finding(ctx, new Finding("triage", "triage.event_text", s.category(), t.resource(), t.resource(),
                    Math.min(0.25, s.confidence()), "the " + t.eventType() + " event's wording (\"" + s.matched()
                    + "\") suggests " + s.category(), Json.object().put("reason", t.reason()).put("message", t.message()),
                    null, List.of())));
        }
        List<String> teams = new ArrayList<>(List.of("cluster analysis"));
        if (ctx.tools().has("loki.query_range") || ctx.tools().has("k8s.pod_logs")) {
            teams.add("log analysis");
        }
        if (ctx.tools().has("prometheus.catalog")) {
            teams.add("metric analysis");
        }
        out.add(text(ctx, "Trigger: " + t.eventType() + " " + t.reason() + " on " + t.resource() + ": " + t.message()
                + ". First reading: " + (signals.isEmpty() ? "no telling wording" : signals.get(0).category())
                + ". Engaging: " + String.join(", ", teams) + "."));
        return new AgentResponse(out);
    }
}
