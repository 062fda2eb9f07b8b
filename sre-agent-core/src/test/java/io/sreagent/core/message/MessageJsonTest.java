package io.sreagent.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

    private static final Instant AT = Instant.parse("2026-11-20T10:29:30.123Z");
    private final ObjectMapper mapper = Json.mapper();

    @Test
    void everyMessageTypeRoundTrips() throws Exception {
        List<Message> all = List.of(
                new TextMessage("triage", AT, "looks like OOM"),
                new ToolCallMessage("cluster", AT, "call-1", "k8s.get_pod", Json.object().put("name", "cart-1")),
                new ToolResultMessage("cluster", AT, "call-1", "k8s.get_pod",
                        ToolResult.ok(Json.object().put("restarts", 7), "restarted 7 times")),
                new ToolResultMessage("logs", AT, "call-2", "loki.query_range",
                        ToolResult.error(ToolError.Kind.UNAVAILABLE, "loki: connection refused")),
                new HandoffMessage("log_query", AT, "log_pattern", "200 lines fetched"),
                new FindingMessage("cluster", AT, new Finding("kubernetes", "pod.oom_killed", Category.OOM_KILLED,
                        ResourceRef.of("Deployment", "shop", "cart"), ResourceRef.of("Pod", "shop", "cart-1"), 0.93,
                        "cart was OOMKilled at its 128Mi limit", Json.object().put("limit_bytes", 8589934592L),
                        AT.minusSeconds(60), List.of("Pod shop/cart-1 OOMKilled", "owned by Deployment shop/cart"))),
                new StopMessage("approval", AT, "all actions decided"));

        for (Message m : all) {
            String json = mapper.writeValueAsString(m);
            Message back = mapper.readValue(json, Message.class);
            assertThat(back).as(json).isEqualTo(m);
        }
        String json = mapper.writeValueAsString(all.get(5));
        assertThat(json).contains("\"type\":\"finding\"").contains("\"limit_bytes\":8589934592").contains("\"category\":\"OOM_KILLED\"");
    }
}
