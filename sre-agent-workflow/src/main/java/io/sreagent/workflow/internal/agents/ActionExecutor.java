package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.incident.ActionStatus;
import io.sreagent.core.incident.ActionType;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.Approval;
import io.sreagent.core.tool.ToolResult;
import java.util.Map;

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

    /**
     * Asks the API server to validate an action that waits for a person (a server-side dry-run, nothing changes)
     * and attaches its report to the action; the action keeps waiting.
     */
    public ProposedAction preview(ProposedAction action, AgentContext ctx) {
        String toolId = TOOLS.get(action.type());
        if (toolId == null || !ctx.tools().has(toolId)) {
            return action;
        }
        ToolResult r = ctx.tools().call(ApprovalAgent.NAME, toolId, arguments(action));
        ObjectNode outcome = Json.object();
        ProposedAction previewed = action;
        if (r.isError()) {
            outcome.put("dry_run", "failed").put("error", r.error().kind().name()).put("message", r.error().message());
        } else {
            outcome.put("dry_run", "accepted").set("report", r.data());
            String seen = r.data().path("resource_version_before").asText("");
            if (!seen.isEmpty()) {
                // Execution must find the object as the person saw it: the tool refuses a newer resourceVersion.
                ObjectNode params = action.params().deepCopy();
                params.put("expected_resource_version", seen);
                previewed = new ProposedAction(action.id(), action.type(), action.target(), params, action.risk(),
                        action.status(), action.reason(), action.guard(), null, action.approvedBy());
            }
        }
        previewed = previewed.withOutcome(outcome);
        ctx.workflow().putAction(previewed);
        return previewed;
    }

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
            String key = e.getKey();
            if (key.startsWith("current_") || key.equals("note")) {
                return;
            }
            if ((key.equals("limits") || key.equals("requests")) && e.getValue().isObject()) {
                // The resources tool takes flat arguments: limits_memory, requests_cpu, ...
                e.getValue().fields().forEachRemaining(r -> args.set(key + "_" + r.getKey(), r.getValue()));
            } else {
                args.set(key, e.getValue());
            }
        });
        return args;
    }
}
