package io.sreagent.testkit.loki;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sreagent.testkit.scenario.LogStream;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedLokiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    Scenario scenario;
    EmbeddedLoki loki;

    @BeforeAll
    void start() {
        scenario = ScenarioLoader.loadResource("scenarios/web-latency-fixture");
        loki = EmbeddedLoki.start(scenario);
    }

    @AfterAll
    void stop() {
        loki.close();
    }

    @Test
    void queryRangeReturnsStreamsInLokisShapeNewestFirst() throws Exception {
        HttpResponse<String> r = get("/loki/api/v1/query_range", Map.of("query", "{namespace=\"web\", app=~\"w.b\"}"));
        JsonNode body = JSON.readTree(r.body());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body.path("status").asText()).isEqualTo("success");
        assertThat(body.path("data").path("resultType").asText()).isEqualTo("streams");
        assertThat(body.path("data").has("stats")).isTrue();
        List<String> lines = lines(body);
        // Every current line of the hour before the scenario clock, newest first; the previous instance's line is
        // older than an hour and labelled previous="true", so it is absent twice over.
        assertThat(lines).containsExactly("GET /api 200 15ms", "GET /health 200 1ms",
                "GET /api 503 1800ms upstream timeout", "ERROR connection refused to db:5432", "GET /api 200 12ms");
        JsonNode first = body.path("data").path("result").get(0);
        assertThat(first.path("stream").path("pod").asText()).isNotBlank();
        assertThat(first.path("values").get(0).get(0).asText()).matches("\\d{19}");
    }

    @Test
    void lineFiltersChain() throws Exception {
        HttpResponse<String> r = get("/loki/api/v1/query_range",
                Map.of("query", "{namespace=\"web\"} |= \"GET\" != \"health\" |~ \"[0-9]{4}ms\"",
                        "start", "1795160000000000000", "end", "1795171000000000000"));

        assertThat(lines(JSON.readTree(r.body()))).containsExactly("GET /api 503 1800ms upstream timeout");
        HttpResponse<String> neg = get("/loki/api/v1/query_range",
                Map.of("query", "{namespace=\"web\"} !~ \"GET|ERROR\"", "start", "1795160000000000000",
                        "end", "1795171000000000000"));
        assertThat(lines(JSON.readTree(neg.body()))).isEmpty();
    }

    @Test
    void previousStreamsOnlyWhenAskedFor() throws Exception {
        Map<String, String> window = Map.of("start", "2026-11-20T09:00:00Z", "end", "2026-11-20T10:30:00Z");
        HttpResponse<String> without = get("/loki/api/v1/query_range",
                with(window, "query", "{pod=\"web-5d8f7c9b4-fghij\"}"));
        HttpResponse<String> with = get("/loki/api/v1/query_range",
                with(window, "query", "{pod=\"web-5d8f7c9b4-fghij\", previous=\"true\"}"));

        assertThat(lines(JSON.readTree(without.body()))).doesNotContain("panic: out of memory");
        assertThat(lines(JSON.readTree(with.body()))).containsExactly("panic: out of memory");
    }

    @Test
    void limitAndForwardDirection() throws Exception {
        HttpResponse<String> r = get("/loki/api/v1/query_range",
                Map.of("query", "{namespace=\"web\"}", "limit", "2", "direction", "forward"));

        assertThat(lines(JSON.readTree(r.body()))).containsExactly("GET /api 200 12ms",
                "ERROR connection refused to db:5432");
    }

    @Test
    void labelsValuesAndSeries() throws Exception {
        JsonNode labels = JSON.readTree(get("/loki/api/v1/labels", Map.of()).body());
        assertThat(labels.path("data").toString()).isEqualTo("[\"app\",\"container\",\"namespace\",\"pod\",\"previous\"]");
        JsonNode pods = JSON.readTree(get("/loki/api/v1/label/pod/values", Map.of()).body());
        assertThat(pods.path("data")).hasSize(2);
        JsonNode series = JSON.readTree(get("/loki/api/v1/series", Map.of("match[]", "{pod=~\".*abcde\"}")).body());
        assertThat(series.path("data")).hasSize(1);
        assertThat(series.path("data").get(0).path("container").asText()).isEqualTo("web");
    }

    @Test
    void readyAnswers() throws Exception {
        assertThat(get("/ready", Map.of()).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{app=\"web\"} | json", "rate({app=\"web\"}[5m])", "{app=~\".*\"}", "{app=\"web\"",
            "{app=\"web\"} |= ", "sum by (pod) (count_over_time({app=\"web\"}[5m]))"})
    void unsupportedLogQlIsAPlainText400(String logql) throws Exception {
        HttpResponse<String> r = get("/loki/api/v1/query_range", Map.of("query", logql));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(r.body()).isNotBlank().doesNotStartWith("{");
    }

    private static Map<String, String> with(Map<String, String> base, String k, String v) {
        Map<String, String> m = new java.util.HashMap<>(base);
        m.put(k, v);
        return m;
    }

    private static List<String> lines(JsonNode body) {
        List<String[]> entries = new ArrayList<>();
        for (JsonNode s : body.path("data").path("result")) {
            for (JsonNode v : s.path("values")) {
                entries.add(new String[] {v.get(0).asText(), v.get(1).asText()});
            }
        }
        boolean forward = entries.size() < 2 || entries.get(0)[0].compareTo(entries.get(entries.size() - 1)[0]) <= 0;
        entries.sort((a, b) -> forward ? a[0].compareTo(b[0]) : b[0].compareTo(a[0]));
        return entries.stream().map(e -> e[1]).toList();
    }

    private HttpResponse<String> get(String path, Map<String, String> params) throws Exception {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(loki.url() + path + q)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
