package io.sreagent.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.sreagent.prometheus.catalog.CatalogQuery;
import io.sreagent.prometheus.catalog.MetricCatalog;
import io.sreagent.prometheus.catalog.Workload;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalog query, rendered for the scenario's workload, gives the same numbers from the embedded Prometheus API
 * as from a real Prometheus loaded from the same {@code metrics.om}: at the scenario clock and over the hour before
 * it. Also runs PromQL beyond the catalog (counter resets, histograms, staleness, matching) on the test fixture.
 */
class EmbeddedVsRealPrometheusTest {

    static final Path EXAMPLES = io.sreagent.testkit.TestScenarios.dir();
    static final Path FIXTURE = Path.of("src/test/resources/scenarios/web-latency-fixture");

    /** PromQL outside the catalog, of the kinds the embedded API claims to evaluate exactly. */
    static final List<String> EXTRA = List.of(
            "http_requests_total",
            "rate(http_requests_total[5m])",
            "increase(http_requests_total[1h])",
            "irate(http_requests_total[2m])",
            "rate(http_requests_total[45s])",
            "sum without (code) (rate(http_requests_total[3m]))",
            "rate(http_requests_total{code!=\"200\"}[10m]) / on(pod) rate(http_requests_total{code=\"200\"}[10m])",
            "rate(http_requests_total{code=\"503\"}[10m]) / ignoring(code) rate(http_requests_total{code=\"200\"}[10m])",
            "histogram_quantile(0.9, rate(http_request_duration_seconds_bucket[5m]))",
            "sum(rate(http_requests_total{code=\"503\"}[5m])) or 0 * sum(rate(http_requests_total[5m]))",
            "rate(http_requests_total{code=\"503\"}[5m]) or rate(http_requests_total[5m])",
            "http_requests_total and on(pod) http_requests_total{code=\"503\"}",
            "rate(http_requests_total[5m]) unless ignoring(code) rate(http_requests_total{code=\"503\"}[5m])",
            "sum(rate(nothing_total[5m])) or sum(rate(http_requests_total[5m]))",
            "histogram_quantile(0, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
            "histogram_quantile(1, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
            "container_memory_working_set_bytes",
            "avg_over_time(container_memory_working_set_bytes[10m])",
            "min_over_time(container_memory_working_set_bytes[7m])",
            "sum_over_time(container_memory_working_set_bytes[3m])",
            "count_over_time(container_memory_working_set_bytes[10m])",
            "last_over_time(container_memory_working_set_bytes[10m])",
            "deriv(container_memory_working_set_bytes[15m])",
            "container_memory_working_set_bytes > 3e8",
            "container_memory_working_set_bytes > bool 3e8",
            "2 * container_memory_working_set_bytes - 3",
            "-container_memory_working_set_bytes ^ 2 % 7",
            "avg without (pod) (container_memory_working_set_bytes)",
            "count by (container) (container_memory_working_set_bytes)",
            "min(container_memory_working_set_bytes)",
            "1 + 2 * 3 ^ 2",
            "kube_pod_container_resource_limits{resource=~\"cpu|memory\", unit!~\"b.*\"}");

    static Stream<Path> scenariosWithMetrics() {
        List<Path> dirs = new ArrayList<>();
        ScenarioLoader.listDirectory(EXAMPLES).forEach(n -> dirs.add(EXAMPLES.resolve(n)));
        dirs.add(FIXTURE);
        return dirs.stream().filter(d -> Files.exists(d.resolve("metrics.om")));
    }

    @ParameterizedTest
    @MethodSource("scenariosWithMetrics")
    void everyCatalogQueryGivesTheSameNumbers(Path dir) throws Exception {
        Assumptions.assumeTrue(RealPrometheus.available(), "install prometheus (apt-get install -y prometheus) to run");
        Scenario scenario = ScenarioLoader.load(dir);
        Workload workload = workload(scenario);
        List<String> queries = new ArrayList<>();
        for (CatalogQuery q : MetricCatalog.standard().queries()) {
            queries.add(q.render(workload));
        }
        if (dir.equals(FIXTURE)) {
            queries.addAll(EXTRA);
        }
        compare(scenario, dir.resolve("metrics.om"), queries);
    }

    private static void compare(Scenario scenario, Path metricsOm, List<String> queries) throws Exception {
        long now = scenario.now().getEpochSecond();
        SoftAssertions soft = new SoftAssertions();
        int nonEmpty = 0;
        try (var real = RealPrometheus.start(metricsOm);
             EmbeddedPrometheus embedded = EmbeddedPrometheus.start(scenario)) {
            String realUrl = real.url().replaceAll("/+$", "");
            for (String query : queries) {
                Map<String, String> instant = Map.of("query", query, "time", Long.toString(now));
                Map<String, String> range = Map.of("query", query, "start", Long.toString(now - 3600),
                        "end", Long.toString(now), "step", "60");
                for (var call : List.of(Map.entry("/api/v1/query", instant), Map.entry("/api/v1/query_range", range))) {
                    JsonNode expected = PrometheusAnswers.get(realUrl, call.getKey(), call.getValue());
                    JsonNode actual = PrometheusAnswers.get(embedded.url(), call.getKey(), call.getValue());
                    String what = call.getKey() + " " + query;
                    if (!"success".equals(expected.path("status").asText())) {
                        soft.assertThat(actual.path("status").asText()).as("%s fails in Prometheus: %s", what,
                                expected.path("error").asText()).isEqualTo("error");
                        continue;
                    }
                    soft.check(() -> PrometheusAnswers.assertSameNumbers(what, expected, actual));
                    if (!expected.path("data").path("result").isEmpty()) {
                        nonEmpty++;
                    }
                }
            }
        }
        soft.assertAll();
        // Guards against a vacuous pass: with metrics in the scenario, some queries must return series.
        assertThat(nonEmpty).as("queries with a non-empty answer in %s", scenario.name()).isGreaterThan(0);
    }

    /** The Deployment (or other owner) of the trigger's object, found by following owner references. */
    static Workload workload(Scenario s) {
        String namespace = s.trigger().namespace();
        String kind = s.trigger().resourceKind();
        String name = s.trigger().resourceName();
        for (int hops = 0; hops < 3; hops++) {
            Optional<OwnerReference> owner = find(s, kind, namespace, name)
                    .flatMap(o -> o.getMetadata().getOwnerReferences().stream()
                            .filter(r -> Boolean.TRUE.equals(r.getController())).findFirst());
            if (owner.isEmpty()) {
                break;
            }
            kind = owner.get().getKind();
            name = owner.get().getName();
        }
        return Workload.of(namespace, name);
    }

    private static Optional<HasMetadata> find(Scenario s, String kind, String namespace, String name) {
        return s.objects().stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)
                && (namespace == null || namespace.equals(o.getMetadata().getNamespace()))).findFirst();
    }
}
