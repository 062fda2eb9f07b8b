package io.sreagent.prometheus.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.spi.ToolProvider;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.prometheus.catalog.MetricCatalog;
import io.sreagent.prometheus.client.PrometheusClient;
import io.sreagent.prometheus.client.PrometheusConfig;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusToolsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:30:00Z");

    private MockWebServer server;
    private Map<String, Tool> tools;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        PrometheusClient client = new PrometheusClient(PrometheusConfig.of(server.url("/").toString()));
        tools = new java.util.HashMap<>();
        new PrometheusTools(client, Clock.fixed(NOW, ZoneOffset.UTC), MetricCatalog.standard()).tools()
                .forEach(t -> tools.put(t.id(), t));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ToolResult call(String id, Map<String, String> args) {
        ObjectNode a = Json.object();
        args.forEach(a::put);
        return tools.get(id).invoke(ToolInvocation.of(id, a));
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    /** A matrix answer with one series rising linearly then jumping, {@code n} points 30 s apart. */
    private static String stepMatrix(int n) {
        StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
        sb.append("{\"metric\":{\"pod\":\"cart-1\",\"container\":\"cart\"},\"values\":[");
        long t0 = NOW.getEpochSecond() - 30L * (n - 1);
        for (int i = 0; i < n; i++) {
            double v = i < n / 2 ? 100 + (i % 3) : 200 + (i % 3);
            sb.append(i == 0 ? "" : ",").append('[').append(t0 + 30L * i).append(",\"").append(v).append("\"]");
        }
        return sb.append("]}]}}").toString();
    }

    @Test
    void everyToolIsReadOnlyAndNamespaced() {
        assertThat(tools.keySet()).containsExactlyInAnyOrder("prometheus.query", "prometheus.query_range",
                "prometheus.list_metrics", "prometheus.label_values", "prometheus.catalog");
        assertThat(tools.values()).allSatisfy(t -> {
            assertThat(t.safety()).isEqualTo(SafetyClass.READ_ONLY);
            assertThat(t.argumentsSchema().path("type").asText()).isEqualTo("object");
        });
    }

    @Test
    void queryDefaultsToTheInjectedClock() throws Exception {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"pod\":\"cart-1\"},\"value\":[1795170600,\"3\"]}]}}");
        ToolResult r = call("prometheus.query", Map.of("query", "up"));
        assertThat(r.isError()).isFalse();
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8()).contains("time=1795170600");
        assertThat(r.data().path("series").get(0).path("value").asDouble()).isEqualTo(3.0);
        assertThat(r.text()).contains("pod=\"cart-1\"", "3");
    }

    @Test
    void emptyResultIsOkWithNoSeries() {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        ToolResult r = call("prometheus.query", Map.of("query", "no_such_metric"));
        assertThat(r.isError()).isFalse();
        assertThat(r.data().path("series").size()).isZero();
        assertThat(r.text()).startsWith("no data");
    }

    @Test
    void malformedPromQlIsBadQuery() {
        answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}");
        ToolResult r = call("prometheus.query", Map.of("query", "sum("));
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.BAD_QUERY);
        assertThat(r.error().sourceDown()).isFalse();
    }

    @Test
    void prometheusDownIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Tool q = new PrometheusTools(new PrometheusClient(PrometheusConfig.of("http://127.0.0.1:" + port)),
                Clock.fixed(NOW, ZoneOffset.UTC), MetricCatalog.standard()).tools().get(0);
        ToolResult r = q.invoke(ToolInvocation.of(q.id(), Json.object().put("query", "up")));
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.UNAVAILABLE);
        assertThat(r.error().sourceDown()).isTrue();
    }

    @Test
    void garbageAnswerIsInternalAndServerErrorUnavailable() {
        answer(200, "garbage");
        answer(500, "boom");
        assertThat(call("prometheus.query", Map.of("query", "up")).error().kind()).isEqualTo(ToolError.Kind.INTERNAL);
        assertThat(call("prometheus.query", Map.of("query", "up")).error().kind())
                .isEqualTo(ToolError.Kind.UNAVAILABLE);
    }

    @Test
    void badArgumentsAreReportedWithoutCallingPrometheus() {
        assertThat(call("prometheus.query", Map.of()).error().kind()).isEqualTo(ToolError.Kind.INVALID_ARGUMENTS);
        ToolResult badTime = call("prometheus.query", Map.of("query", "up", "time", "yesterday"));
        assertThat(badTime.error().message()).contains("'yesterday'");
        assertThat(call("prometheus.query_range", Map.of("query", "up", "window", "ages")).error().message())
                .contains("'ages'");
        assertThat(call("prometheus.catalog", Map.of("name", "nope", "namespace", "a", "pod", "b")).error()
                .message()).contains("memory_working_set");
        assertThat(call("prometheus.list_metrics", Map.of("pattern", "(")).error().kind())
                .isEqualTo(ToolError.Kind.INVALID_ARGUMENTS);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void rangeStepKeepsSeriesUnderTheCap() throws Exception {
        answer(200, stepMatrix(10));
        call("prometheus.query_range", Map.of("query", "up", "window", "6h"));
        RecordedRequest req = server.takeRequest(1, TimeUnit.SECONDS);
        String body = req.getBody().utf8();
        long step = Long.parseLong(body.replaceAll(".*step=(\\d+).*", "$1"));
        long start = Long.parseLong(body.replaceAll(".*start=(\\d+).*", "$1"));
        long end = Long.parseLong(body.replaceAll(".*end=(\\d+).*", "$1"));
        assertThat(end).isEqualTo(NOW.getEpochSecond());
        assertThat(end - start).isEqualTo(6 * 3600);
        assertThat((end - start) / step + 1).isLessThanOrEqualTo(PrometheusTools.MAX_POINTS);
        assertThat(PrometheusTools.autoStep(Duration.ofHours(6)).getSeconds())
                .isLessThanOrEqualTo(6 * 3600 / (PrometheusTools.MAX_POINTS - 2));
    }

    @Test
    void catalogRendersTheQueryAndSummarisesEachSeries() throws Exception {
        answer(200, stepMatrix(60));
        ToolResult r = call("prometheus.catalog", Map.of("name", "memory_working_set", "namespace", "shop",
                "pod", "cart-.*", "container", "cart", "window", "30m"));
        assertThat(r.isError()).as(r.text()).isFalse();
        String body = java.net.URLDecoder.decode(server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).contains("namespace=\"shop\"", "pod=~\"cart-.*\"", "container=~\"cart\"");
        JsonNode s = r.data().path("series").get(0);
        JsonNode sum = s.path("summary");
        assertThat(sum.path("min").asDouble()).isEqualTo(100.0);
        assertThat(sum.path("max").asDouble()).isEqualTo(202.0);
        assertThat(sum.path("points").asInt()).isEqualTo(60);
        assertThat(s.path("points").size()).isEqualTo(60);
        // the jump from ~100 to ~200 half way is found, at the first point of the new level
        assertThat(sum.path("change_points").size()).isEqualTo(1);
        JsonNode cp = sum.path("change_points").get(0);
        long t0 = NOW.getEpochSecond() - 30L * 59;
        assertThat(Instant.parse(cp.path("at").asText())).isEqualTo(Instant.ofEpochSecond(t0 + 30L * 30));
        assertThat(r.data().path("unit").asText()).isEqualTo("bytes");
        assertThat(r.text()).contains("memory_working_set", "min 100", "max 202", "change at");
    }

    @Test
    void listMetricsFiltersByPatternAndLabelValuesPassesTheMatcher() throws Exception {
        answer(200, "{\"status\":\"success\",\"data\":[\"container_memory_working_set_bytes\",\"up\","
                + "\"kube_pod_container_resource_limits\"]}");
        answer(200, "{\"status\":\"success\",\"data\":[\"cart-1\"]}");
        ToolResult metrics = call("prometheus.list_metrics", Map.of("pattern", "memory|limits"));
        assertThat(metrics.data().path("metrics")).extracting(JsonNode::asText)
                .containsExactly("container_memory_working_set_bytes", "kube_pod_container_resource_limits");
        ToolResult values = call("prometheus.label_values", Map.of("label", "pod", "match", "{namespace=\"shop\"}"));
        assertThat(values.text()).isEqualTo("pod: cart-1");
        server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("match[]"))
                .isEqualTo("{namespace=\"shop\"}");
    }

    @Test
    void providerIsDiscoveredAndNeedsConfiguration() throws Exception {
        List<ToolProvider> found = ServiceLoader.load(ToolProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof PrometheusToolProvider).toList();
        assertThat(found).hasSize(1);
        ToolProvider p = found.get(0);
        assertThat(p.namespace()).isEqualTo("prometheus");
        assertThat(p.artifact()).isEqualTo("io.sreagent:sre-agent-tools-prometheus");
        assertThatThrownBy(() -> p.createTools(ToolProviderContext.empty())).hasMessageContaining("PROMETHEUS_URL");
        List<Tool> viaProperty = p.createTools(ToolProviderContext.builder()
                .properties(Map.of("PROMETHEUS_URL", server.url("/").toString())).build());
        List<Tool> viaComponent = p.createTools(ToolProviderContext.builder()
                .component(PrometheusConfig.class, PrometheusConfig.of(server.url("/").toString())).build());
        assertThat(viaProperty).hasSize(5);
        assertThat(viaComponent).extracting(Tool::id).allMatch(id -> id.startsWith("prometheus."));
    }
}
