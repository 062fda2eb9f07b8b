package io.sreagent.workflow.internal.agents;

import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.workflow.diagnosis.RootCauseResolver;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.message.Message;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Weighs every finding so far into ranked hypotheses ({@link RootCauseResolver}) and records them in the workflow
 * context; run after cluster analysis (a first reading) and again after logs and metrics.
 */
public final class DiagnosisAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "diagnosis";

    private final RootCauseResolver resolver = new RootCauseResolver();

    public DiagnosisAgent() {
        super(NAME, "Weighs the evidence into ranked root-cause hypotheses");
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        List<Hypothesis> hs = diagnose(wf, resolver);
        wf.setHypotheses(hs);
        Hypothesis best = hs.get(0);
        return AgentResponse.of(text(ctx, String.format("Leading hypothesis: %s on %s (%.2f). %s", best.category(),
                best.resource(), best.confidence(), best.summary())
                + (hs.size() > 1 ? String.format(" Runner-up: %s on %s (%.2f).", hs.get(1).category(),
                hs.get(1).resource(), hs.get(1).confidence()) : "")));
    }

    /** The ranked hypotheses of the workflow's findings. */
    static List<Hypothesis> diagnose(WorkflowContext wf, RootCauseResolver resolver) {
        ResourceRef workload = Facts.workload(wf).orElse(wf.trigger().resource());
        List<String> pods = Facts.pods(wf);
        UnaryOperator<ResourceRef> lift = r -> "Pod".equals(r.kind()) && java.util.Objects.equals(r.namespace(), workload.namespace())
                && (pods.contains(r.name()) || r.equals(wf.trigger().resource())) ? workload : r;
        return resolver.resolve(wf.findings(), lift, workload);
    }
}
