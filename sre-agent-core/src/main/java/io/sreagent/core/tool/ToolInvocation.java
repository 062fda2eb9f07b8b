package io.sreagent.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One call of a tool: its id, its arguments, and the safety context a mutating tool must honour.
 *
 * <p>A mutating or destructive tool changes nothing unless {@code dryRun} is false and {@code approval} is present;
 * otherwise it performs (and reports) a server-side dry-run only.
 *
 * @param toolId    the tool's id, such as {@code k8s.get_pod}
 * @param arguments arguments as a JSON object (never null)
 * @param caller    the agent that asked (for audit)
 * @param dryRun    true unless the host allows real changes
 * @param approval  the approval of the action this call carries out, or null
 */
public record ToolInvocation(String toolId, ObjectNode arguments, String caller, boolean dryRun, Approval approval) {

    public ToolInvocation {
        Objects.requireNonNull(toolId, "tool_id");
        if (arguments == null) {
            arguments = JsonNodeFactory.instance.objectNode();
        }
        if (caller == null) {
            caller = "host";
        }
    }

    /** A read call with the given arguments, dry-run on. */
    public static ToolInvocation of(String toolId, ObjectNode arguments) {
        return new ToolInvocation(toolId, arguments, null, true, null);
    }

    /** A copy with other arguments. */
    public ToolInvocation withArguments(ObjectNode args) {
        return new ToolInvocation(toolId, args, caller, dryRun, approval);
    }

    /** A copy attributed to {@code agent}. */
    public ToolInvocation by(String agent) {
        return new ToolInvocation(toolId, arguments, agent, dryRun, approval);
    }

    /** A string argument, or {@code fallback} when absent. */
    public String arg(String name, String fallback) {
        JsonNode n = arguments.get(name);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    /** Whether this call may change the world: not a dry-run and approved. */
    public boolean mayMutate() {
        return !dryRun && approval != null;
    }
}
