package io.sreagent.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sreagent.core.tool.ToolError;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LokiClientTest {

    static final String STREAMS = """
            {"status":"success","data":{"resultType":"streams","result":[
              {"stream":{"namespace":"shop","pod":"cart-1","container":"cart"},
               "values":[["1700000002000000000","second line"],["1700000000000000000","first line"]]},
              {"stream":{"namespace":"shop","pod":"cart-2","container":"cart"},
               "values":[["1700000001500000000","other pod"]]}],
             "stats":{"summary":{"bytesProcessedPerSecond":1}}}}
            """;

    static final String MATRIX = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"pod":"cart-1"},"values":[[1700000000,"3"],[1700000060.5,"7"]]}]}}
            """;

    MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    LokiClient client(Map<String, String> extra) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>(extra);
        m.put("LOKI_URL", server.url("/").toString());
        return new LokiClient(LokiConfig.fromEnv(m::get));
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void queryRangeSendsNanosecondWindowLimitDirectionTenantAndToken() throws Exception {
        server.enqueue(json(200, STREAMS));
        LokiClient c = client(Map.of("LOKI_TENANT", "team-a", "LOKI_BEARER_TOKEN", "tok123"));
        Instant start = Instant.parse("2023-11-14T22:13:20Z");
        Instant end = start.plusSeconds(60).plusNanos(5);

        c.queryRange("{namespace=\"shop\"}", start, end, 50, LokiClient.Direction.FORWARD);

        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/loki/api/v1/query_range");
        assertThat(req.getUrl().queryParameter("query")).isEqualTo("{namespace=\"shop\"}");
        assertThat(req.getUrl().queryParameter("start")).isEqualTo("1700000000000000000");
        assertThat(req.getUrl().queryParameter("end")).isEqualTo("1700000060000000005");
        assertThat(req.getUrl().queryParameter("limit")).isEqualTo("50");
        assertThat(req.getUrl().queryParameter("direction")).isEqualTo("forward");
        assertThat(req.getHeaders().get("X-Scope-OrgID")).isEqualTo("team-a");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer tok123");
    }

    @Test
    void basicAuthIsSentWhenUserAndPasswordAreSet() throws Exception {
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":[\"app\"]}"));
        client(Map.of("LOKI_USERNAME", "u", "LOKI_PASSWORD", "p")).labels(null, null);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                .isEqualTo(okhttp3.Credentials.basic("u", "p"));
    }

    @Test
    void streamsAreParsedWithTheirLabelsAndMergedNewestFirst() {
        server.enqueue(json(200, STREAMS));
        QueryResult r = client(Map.of()).queryRange("{namespace=\"shop\"}", null, null, 100,
                LokiClient.Direction.BACKWARD);
        assertThat(r.resultType()).isEqualTo("streams");
        assertThat(r.entries()).extracting(LogEntry::line).containsExactly("second line", "other pod", "first line");
        assertThat(r.entries().get(1).labels()).containsEntry("pod", "cart-2");
        assertThat(r.entries().get(2).time()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void forwardDirectionReturnsOldestFirst() {
        server.enqueue(json(200, STREAMS));
        QueryResult r = client(Map.of()).queryRange("{namespace=\"shop\"}", null, null, 100,
                LokiClient.Direction.FORWARD);
        assertThat(r.entries()).extracting(LogEntry::line).containsExactly("first line", "other pod", "second line");
    }

    @Test
    void matrixResultsBecomeSeries() {
        server.enqueue(json(200, MATRIX));
        QueryResult r = client(Map.of()).queryRange("count_over_time({namespace=\"shop\"}[1m])", null, null, 10,
                null);
        assertThat(r.resultType()).isEqualTo("matrix");
        assertThat(r.series()).hasSize(1);
        MetricSeries s = r.series().get(0);
        assertThat(s.metric()).containsEntry("pod", "cart-1");
        assertThat(s.samples()).extracting(MetricSeries.Sample::value).containsExactly(3.0, 7.0);
        assertThat(s.samples().get(1).time()).isEqualTo(Instant.ofEpochMilli(1_700_000_060_500L));
    }

    @Test
    void instantQueryVectorIsParsed() throws Exception {
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":"
                + "{\"app\":\"a\"},\"value\":[1700000000,\"42\"]}]}}"));
        QueryResult r = client(Map.of()).query("sum(rate({app=\"a\"}[1m]))", Instant.ofEpochSecond(1_700_000_000L), 0,
                null);
        assertThat(r.series().get(0).samples().get(0).value()).isEqualTo(42.0);
        RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/loki/api/v1/query");
        assertThat(req.getUrl().queryParameter("time")).isEqualTo("1700000000000000000");
        assertThat(req.getUrl().queryParameter("limit")).isEqualTo("1000");
    }

    @Test
    void labelsLabelValuesAndSeriesUseTheirEndpoints() throws Exception {
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":[\"app\",\"namespace\"]}"));
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":[\"shop\",\"payments\"]}"));
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":[{\"namespace\":\"shop\",\"pod\":\"cart-1\"}]}"));
        LokiClient c = client(Map.of());

        assertThat(c.labels(null, null)).containsExactly("app", "namespace");
        assertThat(c.labelValues("namespace", null, null)).containsExactly("shop", "payments");
        assertThat(c.series(List.of("{namespace=\"shop\"}"), null, null)).containsExactly(
                Map.of("namespace", "shop", "pod", "cart-1"));

        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/loki/api/v1/labels");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath())
                .isEqualTo("/loki/api/v1/label/namespace/values");
        RecordedRequest series = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(series.getUrl().encodedPath()).isEqualTo("/loki/api/v1/series");
        assertThat(series.getUrl().queryParameter("match[]")).isEqualTo("{namespace=\"shop\"}");
    }

    @Test
    void badQueryWithLokisPlainTextErrorIsBadQuery() {
        server.enqueue(new MockResponse.Builder().code(400)
                .body("parse error at line 1, col 12: syntax error: unexpected IDENTIFIER").build());
        assertThatThrownBy(() -> client(Map.of()).queryRange("{namespace=shop}", null, null, 10, null))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ToolError.Kind.BAD_QUERY);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("parse error at line 1, col 12");
                });
    }

    @Test
    void jsonErrorBodyIsQuoted() {
        server.enqueue(json(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter "
                + "\\\"start\\\"\"}"));
        assertThatThrownBy(() -> client(Map.of()).queryRange("{a=\"b\"}", null, null, 10, null))
                .isInstanceOfSatisfying(LokiException.class, e ->
                        assertThat(e.getMessage()).contains("invalid parameter \"start\"").doesNotContain("errorType"));
    }

    @Test
    void serverErrorIsUnavailable() {
        server.enqueue(new MockResponse.Builder().code(500).body("too many outstanding requests").build());
        assertThatThrownBy(() -> client(Map.of()).queryRange("{a=\"b\"}", null, null, 10, null))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ToolError.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("500").contains("too many outstanding requests");
                });
    }

    @Test
    void unauthorizedIsForbidden() {
        server.enqueue(new MockResponse.Builder().code(401).body("no org id").build());
        assertThatThrownBy(() -> client(Map.of()).labels(null, null))
                .isInstanceOfSatisfying(LokiException.class, e -> assertThat(e.kind())
                        .isEqualTo(ToolError.Kind.FORBIDDEN));
    }

    @Test
    void garbageBodyIsAnInternalErrorThatSaysSo() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html>proxy login</html>").build());
        assertThatThrownBy(() -> client(Map.of()).queryRange("{a=\"b\"}", null, null, 10, null))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ToolError.Kind.INTERNAL);
                    assertThat(e.getMessage()).contains("not JSON").contains("<html>proxy login</html>");
                });
    }

    @Test
    void wellFormedJsonOfTheWrongShapeIsAnInternalError() {
        server.enqueue(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":{}}}"));
        assertThatThrownBy(() -> client(Map.of()).queryRange("{a=\"b\"}", null, null, 10, null))
                .isInstanceOfSatisfying(LokiException.class, e -> assertThat(e.getMessage())
                        .contains("data.result is not an array"));
    }

    @Test
    void slowServerTimesOut() {
        server.enqueue(new MockResponse.Builder().code(200).body(STREAMS).headersDelay(3, TimeUnit.SECONDS).build());
        LokiClient c = client(Map.of("LOKI_TIMEOUT", "200ms"));
        assertThatThrownBy(() -> c.queryRange("{a=\"b\"}", null, null, 10, null))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ToolError.Kind.TIMEOUT);
                    assertThat(e.getMessage()).contains("LOKI_TIMEOUT");
                });
    }

    @Test
    void connectionRefusedIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free port, closed again: nothing listens there
        }
        LokiClient c = new LokiClient(LokiConfig.fromEnv(Map.of("LOKI_URL", "http://127.0.0.1:" + port)::get));
        assertThatThrownBy(() -> c.labels(null, null))
                .isInstanceOfSatisfying(LokiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ToolError.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("connection refused");
                });
    }
}
