package io.sreagent.loki;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LokiToolsTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    MockWebServer server;
    Map<String, Tool> tools;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        ToolProviderContext ctx = ToolProviderContext.builder()
                .properties(Map.of("LOKI_URL", server.url("/").toString()))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        tools = new java.util.HashMap<>();
        for (Tool t : new LokiToolProvider().createTools(ctx)) {
            tools.put(t.id(), t);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String streams(List<String[]> values) {
        StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":["
                + "{\"stream\":{\"namespace\":\"shop\",\"pod\":\"cart-1\",\"container\":\"cart\"},\"values\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(Json.write(List.of(values.get(i)[0], values.get(i)[1])));
        }
        return sb.append("]}]}}").toString();
    }

    static long ns(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    ToolResult call(String id, ObjectNode args) {
        return tools.get(id).invoke(ToolInvocation.of(id, args));
    }

    @Test
    void bothToolsAreReadOnly() {
        assertThat(tools).containsOnlyKeys("loki.query_range", "loki.log_patterns");
        assertThat(tools.values()).allMatch(t -> t.safety() == SafetyClass.READ_ONLY);
    }

    @Test
    void queryRangeDefaultsToTheLastHourOfTheContextClockAndExcludesPreviousContainers() throws Exception {
        server.enqueue(new MockResponse.Builder().body(streams(List.<String[]>of(
                new String[] {Long.toString(ns(NOW.minusSeconds(5))), "GET /cart 200"}))).build());

        ToolResult r = call("loki.query_range", Json.object().put("namespace", "shop").put("pod", "cart-1")
                .put("filter", "GET"));

        assertThat(r.isError()).isFalse();
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().queryParameter("end")).isEqualTo(Long.toString(ns(NOW)));
        assertThat(req.getUrl().queryParameter("start")).isEqualTo(Long.toString(ns(NOW.minusSeconds(3600))));
        assertThat(req.getUrl().queryParameter("query"))
                .isEqualTo("{namespace=\"shop\", pod=\"cart-1\", previous!=\"true\"} |= \"GET\"");
        assertThat(r.data().get("lines").get(0).get("line").asText()).isEqualTo("GET /cart 200");
        assertThat(r.data().get("lines").get(0).get("pod").asText()).isEqualTo("cart-1");
        assertThat(r.text()).contains("GET /cart 200");
    }

    @Test
    void includePreviousDropsTheExclusionAndSinceSetsTheWindow() throws Exception {
        server.enqueue(new MockResponse.Builder().body(streams(List.of())).build());
        call("loki.query_range", Json.object().put("namespace", "shop").put("include_previous", true)
                .put("since", "15m").put("limit", 7));
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().queryParameter("query")).isEqualTo("{namespace=\"shop\", previous=~\".*\"}");
        assertThat(req.getUrl().queryParameter("start")).isEqualTo(Long.toString(ns(NOW.minusSeconds(900))));
        assertThat(req.getUrl().queryParameter("limit")).isEqualTo("7");
    }

    @Test
    void missingNamespaceAndBadTimesAreInvalidArguments() {
        ToolResult noNs = call("loki.query_range", Json.object());
        assertThat(noNs.error().kind()).isEqualTo(ToolError.Kind.INVALID_ARGUMENTS);
        assertThat(noNs.error().message()).contains("namespace");
        ToolResult badTime = call("loki.log_patterns", Json.object().put("namespace", "a").put("start", "yesterday"));
        assertThat(badTime.error().kind()).isEqualTo(ToolError.Kind.INVALID_ARGUMENTS);
        assertThat(badTime.error().message()).contains("'yesterday'");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void lokiErrorsBecomeTypedToolErrors() {
        server.enqueue(new MockResponse.Builder().code(400).body("parse error: unexpected").build());
        ToolResult r = call("loki.query_range", Json.object().put("namespace", "shop").put("regex", "(("));
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.BAD_QUERY);
        assertThat(r.error().message()).contains("parse error: unexpected");
    }

    @Test
    void logPatternsSummarisesTemplatesSignaturesAndDependencyWithSecretsRedacted() {
        Instant t0 = NOW.minusSeconds(600);
        List<String[]> values = new java.util.ArrayList<>();
        // Loki answers newest first
        for (int i = 9; i >= 0; i--) {
            Instant t = t0.plusSeconds(i * 30L);
            values.add(new String[] {Long.toString(ns(t)), i < 5
                    ? "served request " + i + " in " + (10 + i) + "ms"
                    : "dial tcp 10.0.3.7:5432: connect: connection refused (password=hunter2)"});
        }
        server.enqueue(new MockResponse.Builder().body(streams(values)).build());

        ToolResult r = call("loki.log_patterns", Json.object().put("namespace", "shop")
                .put("incident_start", t0.plusSeconds(150).toString()));

        assertThat(r.isError()).isFalse();
        JsonNode summary = r.data().get("summary");
        assertThat(summary.get("lines").asLong()).isEqualTo(10);
        JsonNode sig = summary.get("signatures").get(0);
        assertThat(sig.get("signature").asText()).isEqualTo("CONNECTION_REFUSED");
        assertThat(sig.get("category").asText()).isEqualTo("DEPENDENCY_UNAVAILABLE");
        assertThat(sig.get("count").asInt()).isEqualTo(5);
        assertThat(summary.get("dependencies").get(0).asText()).isEqualTo("10.0.3.7:5432");
        JsonNode first = summary.get("templates").get(0);
        assertThat(first.get("template").get("template").asText()).contains("connection refused");
        assertThat(first.get("before").asInt()).isZero();
        assertThat(r.text()).contains("CONNECTION_REFUSED").contains("10.0.3.7:5432").doesNotContain("hunter2");
        assertThat(r.data().toString()).doesNotContain("hunter2");
    }
}
