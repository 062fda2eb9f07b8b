package io.sreagent.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.prometheus.catalog.CatalogQuery;
import io.sreagent.prometheus.catalog.MetricCatalog;
import io.sreagent.prometheus.catalog.QueryKind;
import io.sreagent.prometheus.catalog.Workload;
import io.sreagent.prometheus.client.PrometheusClient;
import io.sreagent.prometheus.client.PrometheusConfig;
import io.sreagent.prometheus.client.PrometheusException;
import io.sreagent.prometheus.client.QueryResult;
import io.sreagent.prometheus.client.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every catalog query against a real Prometheus loaded from the cart-oom-killed scenario and checks the values
 * written in its metrics.om (the expected numbers are read from the file here, not from the code under test).
 */
class RealPrometheusCatalogTest {

    /** The scenario clock (scenario.yaml {@code now}). */
    private static final Instant NOW = Instant.parse("2026-11-20T10:30:00Z");
    private static final Workload CART = new Workload("shop", "cart-.*", "cart");
    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{([^}]*)\\}\\s+(\\S+)\\s+(\\S+)$");

    private static RealPrometheus prometheus;
    private static PrometheusClient client;
    private static Path metricsOm;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RealPrometheus.available(),
                "install prometheus (apt-get install -y prometheus) to run this test");
        metricsOm = io.sreagent.testkit.TestScenarios.dir("cart-oom-killed").resolve("metrics.om");
        prometheus = RealPrometheus.start(metricsOm);
        client = new PrometheusClient(PrometheusConfig.of(prometheus.url()));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void everyCatalogQueryIsAcceptedByPrometheus() throws PrometheusException {
        for (CatalogQuery q : MetricCatalog.standard().queries()) {
            String promql = q.render(CART);
            QueryResult r = q.kind() == QueryKind.INSTANT ? client.query(promql, NOW)
                    : client.queryRange(promql, NOW.minus(Duration.ofHours(1)), NOW, Duration.ofSeconds(30));
            // Syntax and semantics are checked by the real server: a failure throws BAD_QUERY above.
            assertThat(r.warnings()).as(q.name()).isEmpty();
        }
    }

    @Test
    void memoryLimitIsTheOneInTheFile() throws Exception {
        double limit = lastValues("kube_pod_container_resource_limits", "resource=\"memory\"").values().iterator()
                .next();
        QueryResult r = client.query(render("memory_limit"), NOW);
        assertThat(r.series()).hasSize(2);
        assertThat(r.series()).allSatisfy(s -> assertThat(s.lastValue()).isEqualTo(limit));
        assertThat(limit).isEqualTo(134217728d);
    }

    @Test
    void peakWorkingSetOfTheLastHourMatchesTheFileAndNearsTheLimit() throws Exception {
        Map<String, Double> expected = maxInWindow("container_memory_working_set_bytes",
                NOW.minus(Duration.ofHours(1)), NOW);
        QueryResult r = client.query(render("memory_working_set_max_1h"), NOW);
        assertThat(r.series()).hasSize(expected.size());
        for (Series s : r.series()) {
            assertThat(s.lastValue()).as(s.labelString()).isCloseTo(expected.get(s.labels().get("pod")),
                    org.assertj.core.data.Offset.offset(1.0));
            assertThat(s.lastValue() / 134217728d).as("near the limit").isGreaterThan(0.95);
        }
    }

    @Test
    void workingSetRatioSeriesStayBelowOneAndCoverTheWindow() throws Exception {
        QueryResult r = client.queryRange(render("memory_working_set_ratio"), NOW.minus(Duration.ofMinutes(30)), NOW,
                Duration.ofSeconds(30));
        assertThat(r.series()).hasSize(2);
        for (Series s : r.series()) {
            assertThat(s.samples()).hasSizeGreaterThan(30);
            assertThat(s.samples()).allSatisfy(p -> assertThat(p.value()).isBetween(0.4, 1.0));
        }
    }

    @Test
    void restartsIncreasedByWhatTheFileSays() throws Exception {
        Map<String, Double> last = lastValues("kube_pod_container_status_restarts_total", "");
        Map<String, Double> first = firstValuesAfter("kube_pod_container_status_restarts_total",
                NOW.minus(Duration.ofHours(1)));
        QueryResult total = client.query(render("restarts_total"), NOW);
        QueryResult inc = client.query(render("restarts_increase_1h"), NOW);
        assertThat(total.series()).hasSize(2);
        for (Series s : total.series()) {
            assertThat(s.lastValue()).isEqualTo(last.get(s.labels().get("pod")));
        }
        for (Series s : inc.series()) {
            String pod = s.labels().get("pod");
            assertThat(s.lastValue()).as(pod).isGreaterThanOrEqualTo(last.get(pod) - first.get(pod)).isPositive();
        }
    }

    @Test
    void lastTerminatedReasonIsOomKilled() throws Exception {
        QueryResult r = client.query(render("last_terminated_reason"), NOW);
        assertThat(r.series()).hasSize(2);
        assertThat(r.series()).allSatisfy(s -> {
            assertThat(s.labels()).containsEntry("reason", "OOMKilled");
            assertThat(s.lastValue()).isEqualTo(1.0);
        });
    }

    @Test
    void queriesForAbsentMetricsGiveNoDataNotErrors() throws Exception {
        for (String name : List.of("cpu_throttled_ratio", "error_ratio", "latency_p99", "hpa_saturation")) {
            QueryResult r = client.queryRange(render(name), NOW.minus(Duration.ofHours(1)), NOW,
                    Duration.ofMinutes(1));
            assertThat(r.isEmpty()).as(name).isTrue();
        }
    }

    @Test
    void withoutTheScenarioClockNothingIsFound() throws Exception {
        // The data lies in the past: the same query at an instant a day later finds nothing (lookback is 5m).
        QueryResult r = client.query(render("memory_limit"), NOW.plus(Duration.ofDays(1)));
        assertThat(r.isEmpty()).isTrue();
    }

    // ------------------------------------------------------------------ helpers

    private static String render(String name) {
        return MetricCatalog.standard().find(name).orElseThrow().render(CART);
    }

    /** Per cart pod, the last value of {@code metric} whose labels contain {@code labelFilter}. */
    private static Map<String, Double> lastValues(String metric, String labelFilter) throws IOException {
        Map<String, Double> out = new HashMap<>();
        forEachSample(metric, (pod, labels, value, t) -> {
            if (labels.contains(labelFilter)) {
                out.put(pod, value);
            }
        });
        return out;
    }

    private static Map<String, Double> firstValuesAfter(String metric, Instant from) throws IOException {
        Map<String, Double> out = new HashMap<>();
        forEachSample(metric, (pod, labels, value, t) -> {
            if (!t.isBefore(from)) {
                out.putIfAbsent(pod, value);
            }
        });
        return out;
    }

    private static Map<String, Double> maxInWindow(String metric, Instant from, Instant to) throws IOException {
        Map<String, Double> out = new HashMap<>();
        forEachSample(metric, (pod, labels, value, t) -> {
            if (!t.isBefore(from) && !t.isAfter(to)) {
                out.merge(pod, value, Math::max);
            }
        });
        return out;
    }

    private interface SampleConsumer {
        void accept(String pod, String labels, double value, Instant time);
    }

    private static void forEachSample(String metric, SampleConsumer c) throws IOException {
        for (String line : Files.readAllLines(metricsOm)) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches() || !m.group(1).equals(metric)) {
                continue;
            }
            Matcher pod = Pattern.compile("pod=\"([^\"]*)\"").matcher(m.group(2));
            if (!pod.find() || !pod.group(1).matches(CART.podRegex())) {
                continue; // other workloads of the namespace share the file
            }
            c.accept(pod.group(1), m.group(2), Double.parseDouble(m.group(3)),
                    Instant.ofEpochMilli((long) (Double.parseDouble(m.group(4)) * 1000)));
        }
    }

    /** The repository root: the first directory up from the working directory with pom.xml and sre-agent-core. */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("sre-agent-core"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("no repository root (pom.xml + sre-agent-core) above "
                + Path.of("").toAbsolutePath());
    }
}
