package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.message.FindingMessage;
import io.sreagent.core.message.HandoffMessage;
import io.sreagent.core.message.StopMessage;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Base of the deterministic SRE agents: tool calls that degrade instead of failing, and shared facts.
 */
abstract class SreAgent implements Agent {

    private final String name;
    private final String description;

    SreAgent(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    /**
     * Calls a tool if registered; a failure that says the source is down marks the decision degraded. Returns empty
     * when the tool is missing or failed.
     */
    Optional<JsonNode> call(AgentContext ctx, String toolId, ObjectNode args) {
        if (!ctx.tools().has(toolId)) {
            return Optional.empty();
        }
        ToolResult r = ctx.tools().call(name, toolId, args);
        if (r.isError()) {
            String source = toolId.substring(0, toolId.indexOf('.')) + ": ";
            // One line per source that is down: the first failure says why; the others would repeat it.
            if (r.error().sourceDown() && ctx.workflow().degraded().stream().noneMatch(d -> d.startsWith(source))) {
                ctx.workflow().markDegraded(source + r.error().message());
            }
            return Optional.empty();
        }
        return Optional.of(r.data());
    }

    TextMessage text(AgentContext ctx, String content) {
        return new TextMessage(name, ctx.clock().instant(), content);
    }

    HandoffMessage handoff(AgentContext ctx, String target, String why) {
        return new HandoffMessage(name, ctx.clock().instant(), target, why);
    }

    StopMessage stop(AgentContext ctx, String why) {
        return new StopMessage(name, ctx.clock().instant(), why);
    }

    FindingMessage finding(AgentContext ctx, Finding f) {
        return new FindingMessage(name, ctx.clock().instant(), f);
    }

    /** Reads findings serialised by a tool (an array of Finding JSON objects); malformed entries are skipped. */
    static List<Finding> findingsFrom(JsonNode array) {
        List<Finding> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode n : array) {
                try {
                    out.add(Json.mapper().treeToValue(n, Finding.class));
                } catch (Exception e) {
                    // A finding we cannot read is evidence we cannot use; the others still count.
                }
            }
        }
        return out;
    }

    static ResourceRef ref(JsonNode n) {
        if (n == null || !n.hasNonNull("kind") || !n.hasNonNull("name")) {
            return null;
        }
        return new ResourceRef(n.get("kind").asText(), n.path("namespace").asText(null), n.get("name").asText());
    }
}
