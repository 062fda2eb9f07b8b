package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.agent.BaseAgent;
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
 * Base of the deterministic SRE agents: {@link BaseAgent}'s helpers, and readers of the tools' JSON.
 */
abstract class SreAgent extends BaseAgent {

    SreAgent(String name, String description) {
        super(name, description);
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
