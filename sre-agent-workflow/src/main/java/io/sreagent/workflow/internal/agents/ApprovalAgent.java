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
 * Decides what waits for a person: every allowed executable action waits unless the approval policy approves its
 * risk (HIGH, and any target outside the incident's namespace, always wait: {@link Guard#whyPerson}), with the API server's dry-run of it attached so the person sees what would change;
 * policy-approved actions are carried out at once through their tool, as a dry-run unless the host allows real
 * changes. Advisory actions stay PROPOSED.
 */
public final class ApprovalAgent extends SreAgent {

    /** The agent's name in the workflow. */
    public static final String NAME = "approval";

    private final Guard guard;
    private final ActionExecutor executor;

    public ApprovalAgent(Guard guard, ActionExecutor executor) {
        super(NAME, "Routes actions to a person or approves them by policy, then executes (dry-run by default)");
        this.guard = guard;
        this.executor = executor;
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        WorkflowContext wf = ctx.workflow();
        List<String> lines = new ArrayList<>();
        for (ProposedAction a : wf.actions()) {
            if (a.status() != ActionStatus.PROPOSED || a.guard() == null || !a.guard().allowed() || !a.type().executable()) {
                continue;
            }
            var why = guard.whyPerson(a, wf.trigger().namespace()).or(() -> objection(wf, a));
            if (why.isPresent()) {
                ProposedAction waiting = executor.preview(a.withStatus(ActionStatus.AWAITING_APPROVAL), ctx);
                wf.putAction(waiting);
                lines.add(a.id() + " " + a.type() + " awaits a person (" + why.get() + ")"
                        + (waiting.outcome() == null ? "" : "; server-side dry-run " + waiting.outcome().path("dry_run").asText()));
            } else {
                ProposedAction approved = a.approvedBy("policy:" + guard.policy().approval().name().toLowerCase(java.util.Locale.ROOT));
                wf.putAction(approved);
                ProposedAction done = executor.execute(approved, ctx);
                lines.add(a.id() + " " + a.type() + " approved by policy: " + done.status());
            }
        }
        return AgentResponse.of(text(ctx, lines.isEmpty() ? "no executable action to approve" : String.join(" | ", lines)),
                stop(ctx, "actions decided"));
    }

    /** A model's objection to the action's type: it can only make an action wait for a person, never allow one. */
    private static java.util.Optional<String> objection(WorkflowContext wf, ProposedAction a) {
        for (com.fasterxml.jackson.databind.JsonNode o : wf.fact(io.sreagent.workflow.internal.llm.Summariser.OBJECTIONS)
                .orElse(io.sreagent.core.support.Json.mapper().createArrayNode())) {
            if (a.type().name().equals(o.path("action_type").asText())) {
                return java.util.Optional.of("a model objects: " + o.path("reason").asText());
            }
        }
        return java.util.Optional.empty();
    }
}
