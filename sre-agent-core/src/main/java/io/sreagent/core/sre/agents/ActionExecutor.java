package io.sreagent.core.sre.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.incident.ActionStatus;
import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.Approval;
import io.sreagent.core.tool.ToolResult;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out an approved action through its Kubernetes tool: a server-side dry-run always, the real change only
 * when the run is not in dry-run mode. The action's new status and the tool's report are returned and recorded.
 */
public final class ActionExecutor {

    /** The tool that carries out each executable action type. */
    public static final Map<ActionType, String> TOOLS = Map.of(
            ActionType.RESTART_ROLLOUT, "k8s.restart_rollout",
            ActionType.DELETE_POD, "k8s.delete_pod",
            ActionType.ROLLBACK, "k8s.rollback",
            ActionType.SCALE, "k8s.scale",
            ActionType.ADJUST_RESOURCES, "k8s.adjust_resources",
            ActionType.CORDON_NODE, "k8s.cordon",
            ActionType.DRAIN_NODE, "k8s.drain",
            ActionType.EXPAND_VOLUME, "k8s.expand_pvc");

    /** Executes {@code action} (which must be APPROVED); returns it with its new status. */
    public ProposedAction execute(ProposedAction action, AgentContext ctx) {
        if (action.status() != ActionStatus.APPROVED) {
            throw new IllegalStateException(action.id() + " is " + action.status() + ", not APPROVED");
        }
        String toolId = TOOLS.get(action.type());
        ProposedAction result;
        if (toolId == null || !ctx.tools().has(toolId)) {
            result = action.withStatus(ActionStatus.FAILED).withOutcome(Json.object().put("error",
                    toolId == null ? action.type() + " is advisory and cannot be executed"
                            : "no tool `" + toolId + "`: add io.sreagent:sre-agent-tools-k8s"));
        } else {
            ObjectNode args = arguments(action);
            Approval approval = new Approval(action.id(), action.approvedBy(), ctx.clock().instant());
            ToolResult r = ctx.tools().call(ApprovalAgent.NAME, toolId, args, approval);
            if (r.isError()) {
                result = action.withStatus(ActionStatus.FAILED).withOutcome(Json.object()
                        .put("error", r.error().kind().name()).put("message", r.error().message()));
            } else {
                boolean dry = ctx.tools().dryRun() || r.data().path("dry_run").asBoolean(false);
                result = action.withStatus(dry ? ActionStatus.EXECUTED_DRY_RUN : ActionStatus.EXECUTED).withOutcome(r.data());
            }
        }
        ctx.workflow().putAction(result);
        return result;
    }

    /** The tool arguments of an action: its target and its parameters. */
    static ObjectNode arguments(ProposedAction a) {
        ObjectNode args = Json.object();
        args.put("kind", a.target().kind());
        if (a.target().namespace() != null) {
            args.put("namespace", a.target().namespace());
        }
        args.put("name", a.target().name());
        a.params().fields().forEachRemaining(e -> {
            if (!e.getKey().startsWith("current_") && !e.getKey().equals("note")) {
                args.set(e.getKey(), e.getValue());
            }
        });
        Optional.ofNullable(a.params().get("expected_resource_version")).map(JsonNode::asText)
                .ifPresent(v -> args.put("expected_resource_version", v));
        return args;
    }
}
