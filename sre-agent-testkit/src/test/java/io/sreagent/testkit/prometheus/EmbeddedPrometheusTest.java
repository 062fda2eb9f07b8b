package io.sreagent.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.testkit.scenario.Metrics;
import io.sreagent.testkit.scenario.OpenMetricsParser;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embedded Prometheus API on a small data set whose answers can be worked out by hand. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedPrometheusTest {

    // A counter rising by 1 per second (one sample every 30 s from t=1000 s to t=1120 s) on two pods, and a gauge.
    static final String OM = """
            # TYPE requests counter
            # HELP requests Requests served.
            requests_total{pod="a",code="200"} 0 1000
            requests_total{pod="a",code="200"} 30 1030
            requests_total{pod="a",code="200"} 60 1060
            requests_total{pod="a",code="200"} 90 1090
            requests_total{pod="a",code="200"} 120 1120
            requests_total{pod="b",code="500"} 0 1000
            requests_total{pod="b",code="500"} 60 1030
            requests_total{pod="b",code="500"} 120 1060
            requests_total{pod="b",code="500"} 180 1090
            requests_total{pod="b",code="500"} 240 1120
            # TYPE temperature gauge
            # UNIT temperature celsius
            temperature{room="x"} 20 1000
            temperature{room="x"} 26 1060
            temperature{room="x"} 23 1120
            # EOF
            """;

    EmbeddedPrometheus prometheus;

    @BeforeAll
    void start() {
        Metrics metrics = OpenMetricsParser.parse(OM, "test.om");
        prometheus = EmbeddedPrometheus.start(metrics, Instant.ofEpochSecond(1120));
    }

    @AfterAll
    void stop() {
        prometheus.close();
    }

    @Test
    void readyEndpointAnswers() {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = send(client, prometheus.url() + "/-/ready");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void instantQueryDefaultsToTheScenarioClockAndReturnsAVector() {
        JsonNode answer = query(Map.of("query", "temperature"));

        assertThat(answer.path("data").path("resultType").asText()).isEqualTo("vector");
        JsonNode el = answer.path("data").path("result").get(0);
        assertThat(el.path("metric").path("__name__").asText()).isEqualTo("temperature");
        assertThat(el.path("value").get(0).asDouble()).isEqualTo(1120.0);
        assertThat(el.path("value").get(1).asText()).isEqualTo("23");
    }

    @Test
    void instantSelectorLooksBackFiveMinutesAndNoFurther() {
        assertThat(value(query(Map.of("query", "temperature", "time", "1420")))).isEqualTo(23.0);
        assertThat(query(Map.of("query", "temperature", "time", "1420.001")).path("data").path("result")).isEmpty();
        assertThat(value(query(Map.of("query", "temperature", "time", "1059")))).isEqualTo(20.0);
    }

    @Test
    void rateOfASteadyCounterIsItsSlope() {
        JsonNode answer = query(Map.of("query", "sum by (pod) (rate(requests_total[2m]))", "time", "1120"));
        Map<String, java.util.List<double[]>> points = PrometheusAnswers.points(answer);

        assertThat(points.get("{pod=a}").get(0)[1]).isEqualTo(1.0);
        assertThat(points.get("{pod=b}").get(0)[1]).isEqualTo(2.0);
    }

    @Test
    void increaseExtrapolatesToTheWholeRange() {
        // At 1120 the range [1060, 1120] holds 1060, 1090 and 1120: 60 observed over 60 s with both ends on the
        // boundary, so nothing to extrapolate: 60.
        assertThat(value(query(Map.of("query", "increase(requests_total{pod=\"a\"}[1m])", "time", "1120"))))
                .isEqualTo(60.0);
        // At 1130, the range [1070, 1130] holds 1090 and 1120: 30 over 30 s, 20 s missing at the start and 10 s at
        // the end, each below 1.1 x 30 s, so extrapolated to 60 s: 60.
        assertThat(value(query(Map.of("query", "increase(requests_total{pod=\"a\"}[1m])", "time", "1130"))))
                .isEqualTo(60.0);
    }

    @Test
    void overTimeFunctionsAndDeriv() {
        assertThat(value(query(Map.of("query", "max_over_time(temperature[5m])", "time", "1120")))).isEqualTo(26.0);
        assertThat(value(query(Map.of("query", "min_over_time(temperature[5m])", "time", "1120")))).isEqualTo(20.0);
        assertThat(value(query(Map.of("query", "avg_over_time(temperature[5m])", "time", "1120")))).isEqualTo(23.0);
        assertThat(value(query(Map.of("query", "count_over_time(temperature[1m])", "time", "1120")))).isEqualTo(2.0);
        assertThat(value(query(Map.of("query", "deriv(requests_total{pod=\"b\"}[5m])", "time", "1120"))))
                .isEqualTo(2.0);
    }

    @Test
    void arithmeticMatchesVectorsOnTheirLabels() {
        JsonNode answer = query(Map.of("query",
                "sum by (pod) (rate(requests_total{code=\"500\"}[2m])) / on(pod) sum by (pod) (rate(requests_total[2m]))",
                "time", "1120"));

        assertThat(PrometheusAnswers.points(answer)).containsOnlyKeys("{pod=b}");
        assertThat(value(answer)).isEqualTo(1.0);
        assertThat(value(query(Map.of("query", "2 * temperature + 1", "time", "1120")))).isEqualTo(47.0);
        assertThat(query(Map.of("query", "temperature > 30", "time", "1120")).path("data").path("result")).isEmpty();
    }

    @Test
    void scalarExpressionsAreScalars() {
        JsonNode answer = query(Map.of("query", "1 + 2 * 3 ^ 2"));
        assertThat(answer.path("data").path("resultType").asText()).isEqualTo("scalar");
        assertThat(answer.path("data").path("result").get(1).asText()).isEqualTo("19");
    }

    @Test
    void rangeQueryEvaluatesAtEveryStep() {
        JsonNode answer = PrometheusAnswers.get(prometheus.url(), "/api/v1/query_range",
                Map.of("query", "temperature", "start", "1000", "end", "1120", "step", "60"));

        assertThat(answer.path("data").path("resultType").asText()).isEqualTo("matrix");
        assertThat(PrometheusAnswers.points(answer).get("{__name__=temperature, room=x}"))
                .extracting(p -> p[1]).containsExactly(20.0, 26.0, 23.0);
    }

    @Test
    void seriesLabelsLabelValuesAndMetadata() {
        JsonNode series = PrometheusAnswers.get(prometheus.url(), "/api/v1/series",
                Map.of("match[]", "requests_total"));
        assertThat(series.path("data")).hasSize(2);
        JsonNode labels = PrometheusAnswers.get(prometheus.url(), "/api/v1/labels", Map.of());
        assertThat(labels.path("data").toString()).isEqualTo("[\"__name__\",\"code\",\"pod\",\"room\"]");
        JsonNode values = PrometheusAnswers.get(prometheus.url(), "/api/v1/label/pod/values", Map.of());
        assertThat(values.path("data").toString()).isEqualTo("[\"a\",\"b\"]");
        JsonNode metadata = PrometheusAnswers.get(prometheus.url(), "/api/v1/metadata", Map.of());
        assertThat(metadata.path("data").path("temperature").get(0).path("unit").asText()).isEqualTo("celsius");
        assertThat(metadata.path("data").path("requests").get(0).path("type").asText()).isEqualTo("counter");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "predict_linear(temperature[5m], 3600)",
            "topk(1, temperature)",
            "max_over_time(temperature[1h:5m])",
            "temperature offset 5m",
            "temperature @ 1000",
            "temperature and 1",
            "requests_total / on(pod) group_left temperature",
            "quantile(0.5, temperature)",
            "label_replace(temperature, \"a\", \"b\", \"c\", \"d\")",
            "rate(temperature)",
            "sum(",
            "{room=~\".*\"}",
    })
    void unsupportedOrInvalidPromQlIsABadDataError(String promql) {
        JsonNode answer = query(Map.of("query", promql));

        assertThat(answer.path("_http").asInt()).isEqualTo(400);
        assertThat(answer.path("status").asText()).isEqualTo("error");
        assertThat(answer.path("errorType").asText()).isEqualTo("bad_data");
        assertThat(answer.path("error").asText()).isNotBlank();
        assertThat(answer.has("data")).isFalse();
    }

    @Test
    void ambiguousMatchingIsAnExecutionError() {
        JsonNode answer = query(Map.of("query", "temperature / ignoring(pod, code) requests_total"));

        assertThat(answer.path("_http").asInt()).isEqualTo(422);
        assertThat(answer.path("errorType").asText()).isEqualTo("execution");
    }

    private JsonNode query(Map<String, String> params) {
        return PrometheusAnswers.get(prometheus.url(), "/api/v1/query", params);
    }

    private static double value(JsonNode answer) {
        Map<String, java.util.List<double[]>> points = PrometheusAnswers.points(answer);
        assertThat(points).hasSize(1);
        return points.values().iterator().next().get(0)[1];
    }

    private static java.net.http.HttpResponse<String> send(java.net.http.HttpClient client, String url) {
        try {
            return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
