package io.sreagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BackendHealthTest {

    @Test
    void aDownBackendDegradesTheReportAndASlowOneNeverBlocksIt() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (BackendHealth h = BackendHealth.of(Map.of(
                "loki", () -> Optional.of("connection refused"),
                "slow", () -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Optional.empty();
                }), Duration.ofMillis(50))) {
            var report = h.report();
            for (int i = 0; i < 50 && !report.path("backends").path("loki").has("error"); i++) {
                Thread.sleep(20);
                report = h.report();
            }
            // The slow check holds the checker, not the report: it answers at once with what it knows.
            assertThat(report.path("backends").path("loki").path("error").asText()).isEqualTo("connection refused");
            assertThat(report.path("status").asText()).isEqualTo("degraded");
        }
    }
}
