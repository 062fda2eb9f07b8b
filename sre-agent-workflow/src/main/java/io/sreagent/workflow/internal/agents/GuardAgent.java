package io.sreagent.workflow.internal.agents;

import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.incident.ActionStatus;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.message.Message;
import io.sreagent.core.safety.Guard;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the deterministic {@link Guard} to every proposed action not yet reviewed: rejected actions go back to
 * the recommendation agent once; the rest go on to approval.
 */
public final class GuardAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "guard";

    private final Guard guard;

    public GuardAgent(Guard guard) {
        super(NAME, "Deterministic safety policy: risk, bounds, protected namespaces, evidence for the target");
        this.guard = guard;
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        List<String> lines = new ArrayList<>();
        boolean rejectedNow = false;
        int allowedExecutable = (int) wf.actions().stream()
                .filter(a -> a.guard() != null && a.guard().allowed() && a.type().executable()).count();
        for (ProposedAction a : wf.actions()) {
            if (a.guard() != null) {
                continue;
            }
            Guard.Review r = guard.review(a, wf.findings(), allowedExecutable);
            ProposedAction reviewed = a.withGuard(r.verdict(), r.risk());
            if (!r.verdict().allowed()) {
                reviewed = reviewed.withStatus(ActionStatus.REJECTED);
                rejectedNow = true;
            } else if (a.type().executable()) {
                allowedExecutable++;
            }
            wf.putAction(reviewed);
            lines.add(a.id() + " " + a.type() + ": " + r.verdict().verdict() + " (" + r.risk() + ") "
                    + String.join("; ", r.verdict().reasons()));
        }
        String summary = lines.isEmpty() ? "nothing new to review" : String.join(" | ", lines);
        if (rejectedNow) {
            return AgentResponse.of(text(ctx, summary), handoff(ctx, RecommendationAgent.NAME, "rejected: propose an alternative"));
        }
        return AgentResponse.of(text(ctx, summary), handoff(ctx, ApprovalAgent.NAME, "reviewed"));
    }
}
