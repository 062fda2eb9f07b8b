package io.sreagent.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The example of the module README, compiled and run so that it stays true. Keep the two in sync. */
class ReadmeExampleTest {

    // --- README example begins ---
    @Test
    void cartIsCrashLoopingAtTheScenarioClock() {
        try (EmbeddedScenario incident = EmbeddedScenario.start(TestScenarios.dir("cart-oom-killed"))) {
            // Hand these to the agent or tool under test: a fabric8 client, the two URLs and the scenario clock.
            var k8s = incident.kubernetes();
            String prometheus = incident.prometheusUrl();
            String loki = incident.lokiUrl();
            var clock = incident.clock();

            Pod pod = k8s.pods().inNamespace("shop").withName("cart-7d9f8b6c5-x2k4q").get();
            assertThat(pod.getStatus().getContainerStatuses().get(0).getRestartCount()).isGreaterThan(5);
            assertThat(k8s.pods().inNamespace("shop").withName(pod.getMetadata().getName()).terminated().getLog())
                    .contains("Warming product cache");
            assertThat(Instant.parse(pod.getStatus().getStartTime())).isBefore(clock.instant());
            assertThat(prometheus).startsWith("http://127.0.0.1:");
            assertThat(loki).startsWith("http://127.0.0.1:");
        }
    }
    // --- README example ends ---
}
