package io.sreagent.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.prometheus.catalog.MetricCatalog;
import io.sreagent.prometheus.catalog.Workload;
import io.sreagent.prometheus.client.PrometheusClient;
import io.sreagent.prometheus.client.PrometheusConfig;
import io.sreagent.prometheus.client.QueryResult;
import io.sreagent.prometheus.client.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Catalog queries for CPU throttling, HPA saturation, HTTP errors/latency and volumes against a real Prometheus
 * loaded from the example scenarios that tell those stories (their scenario.yaml gives the clock).
 */
class RealPrometheusScenariosTest {

    private static final MetricCatalog CATALOG = MetricCatalog.standard();

    private static Path scenario(String name) {
        return RealPrometheusCatalogTest.repoRoot()
                .resolve("sre-agent-cli/src/main/resources/scenarios").resolve(name);
    }

    private static Instant clock(Path dir) throws Exception {
        Matcher m = Pattern.compile("(?m)^now:\\s*'?\"?([^'\"\\s]+)").matcher(Files.readString(dir.resolve(
                "scenario.yaml")));
        assertThat(m.find()).as("scenario.yaml has now").isTrue();
        return Instant.parse(m.group(1));
    }

    private interface Check {
        void run(PrometheusClient client, Instant now) throws Exception;
    }

    private static void withScenario(String name, Check check) throws Exception {
        Assumptions.assumeTrue(RealPrometheus.available(),
                "install prometheus (apt-get install -y prometheus) to run this test");
        Path dir = scenario(name);
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("metrics.om")), "scenario " + dir + " is missing");
        try (var p = RealPrometheus.start(dir.resolve("metrics.om"))) {
            check.run(new PrometheusClient(PrometheusConfig.of(p.url())), clock(dir));
        }
    }

    private static String q(String name, Workload w) {
        return CATALOG.find(name).orElseThrow().render(w);
    }

    @Test
    void cpuThrottlingShowsInThrottledRatioAndUsageAtTheLimit() throws Exception {
        withScenario("pricing-engine-cpu-throttled", (client, now) -> {
            Workload w = new Workload("pricing", "pricing-engine-.*", null);
            QueryResult throttled = client.query(q("cpu_throttled_ratio", w), now);
            assertThat(throttled.series()).isNotEmpty();
            assertThat(throttled.series().stream().mapToDouble(Series::lastValue).max().orElseThrow())
                    .as("more than a quarter of CFS periods throttled").isGreaterThan(0.25);
            QueryResult usage = client.query(q("cpu_usage_ratio", w), now);
            assertThat(usage.series()).allSatisfy(s -> assertThat(s.lastValue()).isBetween(0.8, 1.05));
        });
    }

    @Test
    void hpaAtMaxReplicasIsSaturatedAndTheServiceErrors() throws Exception {
        withScenario("product-api-hpa-at-max-replicas", (client, now) -> {
            Workload w = new Workload("storefront", "product-api-.*", null);
            QueryResult sat = client.query(q("hpa_saturation", w), now);
            assertThat(sat.series()).singleElement().satisfies(s -> assertThat(s.lastValue()).isEqualTo(1.0));
            QueryResult current = client.query(q("hpa_current_replicas", w), now);
            QueryResult max = client.query(q("hpa_max_replicas", w), now);
            assertThat(current.series().get(0).lastValue()).isEqualTo(max.series().get(0).lastValue());
            QueryResult errors = client.query(q("error_ratio", w), now);
            assertThat(errors.series().get(0).lastValue()).isBetween(0.0001, 1.0);
            QueryResult p99 = client.queryRange(q("latency_p99", w), now.minus(Duration.ofMinutes(30)), now,
                    Duration.ofMinutes(1));
            assertThat(p99.series()).singleElement().satisfies(s ->
                    assertThat(s.samples()).allSatisfy(p -> assertThat(p.value()).isPositive()));
        });
    }

    @Test
    void fullVolumeHasNoSpaceLeft() throws Exception {
        withScenario("billing-postgres-volume-full", (client, now) -> {
            Workload w = new Workload("billing", "postgres-.*", null);
            QueryResult ratio = client.query(q("volume_available_ratio", w), now);
            assertThat(ratio.series()).singleElement().satisfies(s -> {
                assertThat(s.labels()).containsEntry("persistentvolumeclaim", "data-postgres-0");
                assertThat(s.lastValue()).isLessThan(0.05);
            });
        });
    }
}
