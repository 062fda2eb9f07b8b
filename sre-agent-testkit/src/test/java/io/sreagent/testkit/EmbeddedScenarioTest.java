package io.sreagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmbeddedScenarioTest {

    static final Path EXAMPLES = io.sreagent.testkit.TestScenarios.dir();
    final HttpClient http = HttpClient.newHttpClient();

    static Stream<Path> exampleScenarios() {
        return ScenarioLoader.listDirectory(EXAMPLES).stream().map(EXAMPLES::resolve);
    }

    @ParameterizedTest
    @MethodSource("exampleScenarios")
    void allThreeApisServeEveryScenarioEvenWithoutMetricsOrLogs(Path dir) throws Exception {
        try (EmbeddedScenario s = EmbeddedScenario.start(dir)) {
            assertThat(s.kubernetes().resource(s.scenario().objects().get(0)).get()).isNotNull();
            assertThat(s.clock().instant()).isEqualTo(s.scenario().now());

            JsonNode up = json(s.prometheusUrl() + "/api/v1/query?query=count(%7B__name__%3D~%22.%2B%22%7D)");
            assertThat(up.path("status").asText()).isEqualTo("success");
            int expectedSeries = s.scenario().metrics().isEmpty() ? 0 : 1;
            assertThat(up.path("data").path("result")).hasSize(expectedSeries);

            JsonNode logs = json(s.lokiUrl() + "/loki/api/v1/query_range?query=%7Bnamespace%3D~%22.%2B%22%7D&limit=1000&start=0");
            assertThat(logs.path("status").asText()).isEqualTo("success");
            // Loki leaves out streams of previous container instances unless asked for them.
            boolean onlyPrevious = s.scenario().logs().stream().allMatch(l -> l.previous());
            assertThat(logs.path("data").path("result").isEmpty()).isEqualTo(onlyPrevious);
        }
    }

    @Test
    void closingStopsAllThreeServers() {
        EmbeddedScenario s = EmbeddedScenario.startResource("scenarios/web-latency-fixture");
        String prometheus = s.prometheusUrl();
        String loki = s.lokiUrl();
        s.close();

        assertThat(reachable(prometheus + "/-/ready")).isFalse();
        assertThat(reachable(loki + "/ready")).isFalse();
    }

    /**
     * Reports how long {@code start} takes once the JVM is warm (the embedded demo starts one per run). Prints the
     * figure instead of asserting on it: timings depend on the machine.
     */
    @Test
    void reportsWarmStartTime() {
        Scenario cart = ScenarioLoader.load(EXAMPLES.resolve("cart-oom-killed"));
        for (int i = 0; i < 3; i++) {
            try (EmbeddedScenario s = EmbeddedScenario.start(cart)) {
                assertThat(s.kubernetes().pods().inNamespace("shop").list().getItems()).isNotEmpty();
            }
        }
        int runs = 5;
        long total = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            EmbeddedScenario s = EmbeddedScenario.start(cart);
            total += System.nanoTime() - t0;
            s.close();
        }
        System.out.printf("EmbeddedScenario.start(cart-oom-killed) warm: %.1f ms on average over %d runs%n",
                total / 1e6 / runs, runs);
        long cluster = 0;
        long prometheus = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            var c = io.sreagent.testkit.k8s.EmbeddedCluster.start(cart);
            long t1 = System.nanoTime();
            var p = io.sreagent.testkit.prometheus.EmbeddedPrometheus.start(cart);
            long t2 = System.nanoTime();
            cluster += t1 - t0;
            prometheus += t2 - t1;
            c.close();
            p.close();
        }
        System.out.printf("of which EmbeddedCluster %.1f ms, EmbeddedPrometheus %.1f ms%n", cluster / 1e6 / runs,
                prometheus / 1e6 / runs);
    }

    private JsonNode json(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    private boolean reachable(String url) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url)).timeout(java.time.Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
