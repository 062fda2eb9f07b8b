package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.support.Json;
import io.sreagent.testkit.prometheus.RealPrometheus;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The same decision whether the metrics come from the embedded Prometheus API or from a real Prometheus. */
class RealPrometheusDiagnosisTest {

    @Test
    void aRealPrometheusLoadedFromTheScenarioGivesTheSameDecision() throws Exception {
        Assumptions.assumeTrue(RealPrometheus.available(),
                "prometheus and promtool are not installed; install them (apt-get install -y prometheus) to run this test");
        Path scenario = CliTest.builtIn("cart-oom-killed");
        JsonNode embedded = decide(scenario);
        try (RealPrometheus prometheus = RealPrometheus.start(scenario.resolve("metrics.om"))) {
            JsonNode real = decide(scenario, "--prometheus-url", prometheus.url());

            assertThat(real.path("root_cause")).isEqualTo(embedded.path("root_cause"));
            assertThat(real.path("confidence")).isEqualTo(embedded.path("confidence"));
            assertThat(real.path("degraded")).isEmpty();
            assertThat(real.path("actions").toString()).isEqualTo(embedded.path("actions").toString());
            // The metric team really read the real server: its finding is in the evidence.
            assertThat(real.path("evidence")).anySatisfy(e -> assertThat(e.path("source").asText()).isEqualTo("prometheus"));
        }
    }

    private static JsonNode decide(Path scenario, String... more) throws Exception {
        String[] args = new String[4 + more.length];
        args[0] = "diagnose";
        args[1] = "--scenario";
        args[2] = scenario.toString();
        args[3] = "--output=json";
        System.arraycopy(more, 0, args, 4, more.length);
        CliTest.Run r = CliTest.cli(args);
        assertThat(r.status()).as(r.err()).isZero();
        return Json.mapper().readTree(r.out());
    }
}
