package io.sreagent.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.message.FindingMessage;
import io.sreagent.core.message.HandoffMessage;
import io.sreagent.core.message.StopMessage;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.tool.ToolResult;
import java.util.Objects;
import java.util.Optional;

/**
 * A base for agents: a fixed name and description, messages stamped with the agent's name and the run's clock, and
 * tool calls that degrade instead of failing. The workflow's own agents extend it; a host's may.
 *
 * <pre>{@code
 * class TicketAgent extends BaseAgent {
 *     TicketAgent() { super("tickets", "Reads the ticket queue"); }
 *     public AgentResponse respond(List<Message> in, AgentContext ctx) {
 *         return call(ctx, "acme.open_tickets", Json.object())
 *                 .map(d -> AgentResponse.of(finding(ctx, Finding.of("acme", "acme.tickets", ...))))
 *                 .orElse(AgentResponse.of(text(ctx, "no ticket data")));
 *     }
 * }
 * }</pre>
 */
public abstract class BaseAgent implements Agent {

    private final String name;
    private final String description;

    protected BaseAgent(String name, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /** The run's tools bound to this agent: calls need not name it. */
    protected AgentTools.Bound tools(AgentContext ctx) {
        return ctx.tools().as(name);
    }

    /**
     * Calls a tool if it is registered and returns its data; a failure that says the source is down marks the
     * decision degraded (one line per source: the first failure says why). Empty when the tool is missing or failed.
     */
    protected Optional<JsonNode> call(AgentContext ctx, String toolId, ObjectNode args) {
        if (!ctx.tools().has(toolId)) {
            return Optional.empty();
        }
        ToolResult r = ctx.tools().call(name, toolId, args);
        if (r.isError()) {
            int dot = toolId.indexOf('.');
            String source = (dot < 0 ? toolId : toolId.substring(0, dot)) + ": ";
            if (r.error().sourceDown() && ctx.workflow().degraded().stream().noneMatch(d -> d.startsWith(source))) {
                ctx.workflow().markDegraded(source + r.error().message());
            }
            return Optional.empty();
        }
        return Optional.of(r.data());
    }

    /** A text message from this agent. */
    protected TextMessage text(AgentContext ctx, String content) {
        return new TextMessage(name, ctx.clock().instant(), content);
    }

    /** A handoff from this agent to {@code target}. */
    protected HandoffMessage handoff(AgentContext ctx, String target, String why) {
        return new HandoffMessage(name, ctx.clock().instant(), target, why);
    }

    /** A stop message from this agent. */
    protected StopMessage stop(AgentContext ctx, String why) {
        return new StopMessage(name, ctx.clock().instant(), why);
    }

    /** A finding reported by this agent (the decision credits it to this agent). */
    protected FindingMessage finding(AgentContext ctx, Finding f) {
        return new FindingMessage(name, ctx.clock().instant(), f);
    }
}
