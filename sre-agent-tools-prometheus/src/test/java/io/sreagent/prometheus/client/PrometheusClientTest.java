package io.sreagent.prometheus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusClientTest {

    private static final Instant T = Instant.parse("2026-11-20T10:30:00Z");

    private MockWebServer server;
    private PrometheusClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        client = new PrometheusClient(PrometheusConfig.builder().url(server.url("/").toString())
                .auth(new PrometheusAuth.Bearer("s3cret")).header("X-Scope-OrgID", "team-a")
                .callTimeout(Duration.ofSeconds(2)).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body)
                .addHeader("Content-Type", "application/json").build());
    }

    @Test
    void instantQuerySendsTimeAuthAndHeadersAndParsesAVector() throws Exception {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"pod\":\"cart-1\"},\"value\":[1795170600.5,\"134217728\"]},"
                + "{\"metric\":{\"pod\":\"cart-2\"},\"value\":[1795170600,\"NaN\"]}]},\"warnings\":[\"w1\"]}");
        QueryResult r = client.query("up", T);
        RecordedRequest req = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1/query");
        assertThat(req.getBody().utf8()).contains("query=up", "time=1795170600");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(req.getHeaders().get("X-Scope-OrgID")).isEqualTo("team-a");
        assertThat(r.type()).isEqualTo(QueryResult.ResultType.VECTOR);
        assertThat(r.series()).hasSize(2);
        assertThat(r.series().get(0).labels()).containsEntry("pod", "cart-1");
        assertThat(r.series().get(0).lastValue()).isEqualTo(134217728d);
        assertThat(r.series().get(0).samples().get(0).time()).isEqualTo(Instant.ofEpochMilli(1795170600500L));
        assertThat(r.series().get(1).lastValue()).isNaN();
        assertThat(r.warnings()).containsExactly("w1");
    }

    @Test
    void rangeQueryPassesStartEndStepAndParsesAMatrix() throws Exception {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"pod\":\"a\"},\"values\":[[1795170000,\"1\"],[1795170030,\"+Inf\"],"
                + "[1795170060,\"-Inf\"]]}]}}");
        QueryResult r = client.queryRange("rate(x[5m])", T.minusSeconds(600), T, Duration.ofMillis(1500));
        String body = server.takeRequest(1, TimeUnit.SECONDS).getBody().utf8();
        assertThat(body).contains("start=1795170000", "end=1795170600", "step=1.5");
        assertThat(r.type()).isEqualTo(QueryResult.ResultType.MATRIX);
        assertThat(r.series().get(0).samples()).extracting(Sample::value)
                .containsExactly(1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Test
    void scalarAndStringResults() throws Exception {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1795170600,\"42\"]}}");
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1795170600,\"hi\"]}}");
        QueryResult scalar = client.query("42", T);
        QueryResult string = client.query("\"hi\"", T);
        assertThat(scalar.scalar().value()).isEqualTo(42.0);
        assertThat(scalar.isEmpty()).isFalse();
        assertThat(string.string()).isEqualTo("hi");
    }

    @Test
    void emptyResultIsNotAnError() throws Exception {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        assertThat(client.query("no_such_metric", T).isEmpty()).isTrue();
    }

    @Test
    void statusErrorWithErrorTypeBecomesBadQuery() {
        answer(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:5: parse error: unexpected "
                + "end of input\"}");
        PrometheusException e = catchThrowableOfType(PrometheusException.class, () -> client.query("sum(", T));
        assertThat(e.kind()).isEqualTo(PrometheusException.Kind.BAD_QUERY);
        assertThat(e.errorType()).isEqualTo("bad_data");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("parse error", "fix the PromQL");
    }

    @Test
    void executionTimeoutErrorTypeBecomesTimeout() {
        answer(503, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\"}");
        PrometheusException e = catchThrowableOfType(PrometheusException.class, () -> client.query("up", T));
        assertThat(e.kind()).isEqualTo(PrometheusException.Kind.TIMEOUT);
    }

    @Test
    void serverErrorWithoutJsonIsUnavailable() {
        answer(500, "<html>internal error</html>");
        PrometheusException e = catchThrowableOfType(PrometheusException.class, () -> client.query("up", T));
        assertThat(e.kind()).isEqualTo(PrometheusException.Kind.UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("HTTP 500", "internal error");
    }

    @Test
    void garbageBodyIsABadResponse() {
        answer(200, "this is not json {");
        PrometheusException e = catchThrowableOfType(PrometheusException.class, () -> client.query("up", T));
        assertThat(e.kind()).isEqualTo(PrometheusException.Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("not JSON", "this is not json");
    }

    @Test
    void unknownResultTypeAndMalformedSamplesAreBadResponses() {
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"histogram\",\"result\":[]}}");
        answer(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{},\"value\":[1,\"abc\"]}]}}");
        assertThat(catchThrowableOfType(PrometheusException.class, () -> client.query("up", T)).getMessage())
                .contains("unknown resultType 'histogram'");
        assertThat(catchThrowableOfType(PrometheusException.class, () -> client.query("up", T)).getMessage())
                .contains("'abc' is not a number");
    }

    @Test
    void unauthorizedIsForbiddenAndNotFoundSaysTheUrlIsWrong() {
        answer(401, "Unauthorized");
        answer(404, "404 page not found");
        assertThat(catchThrowableOfType(PrometheusException.class, () -> client.query("up", T)).kind())
                .isEqualTo(PrometheusException.Kind.FORBIDDEN);
        PrometheusException nf = catchThrowableOfType(PrometheusException.class, () -> client.query("up", T));
        assertThat(nf.kind()).isEqualTo(PrometheusException.Kind.NOT_FOUND);
        assertThat(nf.getMessage()).contains("without /api/v1");
    }

    @Test
    void slowServerTimesOut() {
        PrometheusClient impatient = new PrometheusClient(PrometheusConfig.builder()
                .url(server.url("/").toString()).callTimeout(Duration.ofMillis(300)).build());
        server.enqueue(new MockResponse.Builder().code(200)
                .body("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")
                .headersDelay(2, TimeUnit.SECONDS).build());
        PrometheusException e = catchThrowableOfType(PrometheusException.class, () -> impatient.query("up", T));
        assertThat(e.kind()).isEqualTo(PrometheusException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("did not answer");
    }

    @Test
    void connectionRefusedIsUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrometheusClient down = new PrometheusClient(PrometheusConfig.of("http://127.0.0.1:" + port));
        PrometheusException e = catchThrowableOfType(PrometheusException.class, () -> down.query("up", T));
        assertThat(e.kind()).isEqualTo(PrometheusException.Kind.UNAVAILABLE);
        assertThat(e.httpStatus()).isZero();
        assertThat(e.getMessage()).contains("cannot be reached", "PROMETHEUS_URL");
    }

    @Test
    void seriesLabelsMetadataAlertsAndRules() throws Exception {
        answer(200, "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"a\"}]}");
        answer(200, "{\"status\":\"success\",\"data\":[\"job\",\"pod\"]}");
        answer(200, "{\"status\":\"success\",\"data\":[\"cart-1\",\"cart-2\"]}");
        answer(200, "{\"status\":\"success\",\"data\":{\"up\":[{\"type\":\"gauge\",\"help\":\"Up.\",\"unit\":\"\"}]}}");
        answer(200, "{\"status\":\"success\",\"data\":{\"alerts\":[{\"labels\":{\"alertname\":\"X\"},"
                + "\"annotations\":{},\"state\":\"firing\",\"activeAt\":\"2026-11-20T10:00:00Z\",\"value\":\"1\"}]}}");
        answer(200, "{\"status\":\"success\",\"data\":{\"groups\":[{\"name\":\"g\",\"rules\":[]}]}}");
        assertThat(client.series(List.of("up"), T.minusSeconds(60), T)).containsExactly(
                java.util.Map.of("__name__", "up", "job", "a"));
        assertThat(client.labelNames(T.minusSeconds(60), T)).containsExactly("job", "pod");
        assertThat(client.labelValues("pod", "{namespace=\"shop\"}", T.minusSeconds(60), T))
                .containsExactly("cart-1", "cart-2");
        assertThat(client.metadata("up")).containsExactly(new MetricMetadata("up", "gauge", "Up.", ""));
        assertThat(client.alerts()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo("firing");
            assertThat(a.activeAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        });
        assertThat(client.rules().get(0).path("name").asText()).isEqualTo("g");
        server.takeRequest(1, TimeUnit.SECONDS);
        server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest values = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(values.getUrl().encodedPath()).isEqualTo("/api/v1/label/pod/values");
        assertThat(values.getUrl().queryParameter("match[]")).isEqualTo("{namespace=\"shop\"}");
    }

    @Test
    void basicAuthHeader() throws Exception {
        PrometheusClient basic = new PrometheusClient(PrometheusConfig.builder().url(server.url("/").toString())
                .auth(new PrometheusAuth.Basic("u", "p")).build());
        answer(200, "{\"status\":\"success\",\"data\":[]}");
        basic.labelNames(T.minusSeconds(60), T);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                .isEqualTo(okhttp3.Credentials.basic("u", "p"));
    }

    @Test
    void configFromEnvAndValidation() {
        PrometheusConfig c = PrometheusConfig.fromEnv(java.util.Map.of("PROMETHEUS_URL", "http://prom:9090",
                "PROMETHEUS_TOKEN", "t", "PROMETHEUS_HEADERS", "X-A=1, X-B=2", "PROMETHEUS_TIMEOUT", "7")::get);
        assertThat(c.url()).isEqualTo("http://prom:9090");
        assertThat(c.auth()).isEqualTo(new PrometheusAuth.Bearer("t"));
        assertThat(c.headers()).containsEntry("X-A", "1").containsEntry("X-B", "2");
        assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThatThrownBy(() -> PrometheusConfig.fromEnv(k -> null)).hasMessageContaining("PROMETHEUS_URL");
        assertThatThrownBy(() -> PrometheusConfig.of("prom:9090").validate()).hasMessageContaining("'prom:9090'");
        assertThatThrownBy(() -> PrometheusConfig.fromEnv(java.util.Map.of("PROMETHEUS_URL", "http://p",
                "PROMETHEUS_TIMEOUT", "soon")::get)).hasMessageContaining("'soon'");
        assertThat(new PrometheusAuth.Bearer("secret").toString()).doesNotContain("secret");
    }
}
