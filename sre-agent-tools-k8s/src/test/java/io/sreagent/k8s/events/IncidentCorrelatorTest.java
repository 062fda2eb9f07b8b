package io.sreagent.k8s.events;

import io.sreagent.core.incident.ResourceRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentCorrelatorTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static ClusterEvent warning(Instant t, String deployment, String pod, String reason, String message) {
        return new ClusterEvent(t, ResourceRef.of("Deployment", "shop", deployment), ResourceRef.of("Pod", "shop", pod),
                "Warning", reason, message, 1);
    }

    @Test
    void tenThousandEventsFromThreeFailingDeploymentsPlusNoiseGiveExactlyThreeIncidents() {
        IncidentCorrelator c = new IncidentCorrelator(Duration.ofMinutes(10), 1000);
        Random rnd = new Random(42);
        String[][] failing = {
                {"cart", "BackOff", "Back-off restarting failed container cart in pod %s"},
                {"payments-api", "Failed", "Error: configmap \"payments-config\" not found"},
                {"search", "FailedScheduling", "0/3 nodes are available: 3 Insufficient memory."}};
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Instant t = T0.plusMillis(i * 50L);
            ClusterEvent e;
            if (i % 4 == 3) {
                // noise: Normal events of many healthy workloads
                String w = "svc-" + rnd.nextInt(200);
                e = new ClusterEvent(t, ResourceRef.of("Deployment", "shop", w), ResourceRef.of("Pod", "shop", w + "-x"),
                        "Normal", i % 8 == 3 ? "Pulled" : "Started", "Started container", 1);
            } else {
                String[] f = failing[rnd.nextInt(3)];
                String pod = f[0] + "-7d9f8b6c5-" + rnd.nextInt(5);
                e = warning(t, f[0], pod, f[1], String.format(f[2], pod));
            }
            c.accept(e).ifPresent(incidents::add);
        }
        assertThat(incidents).hasSize(3);
        assertThat(incidents).extracting(in -> in.workload().name())
                .containsExactlyInAnyOrder("cart", "payments-api", "search");
        assertThat(incidents).extracting(Incident::cause).containsExactlyInAnyOrder("crash_loop", "config", "scheduling");
        Incident cart = incidents.stream().filter(in -> in.workload().name().equals("cart")).findFirst().orElseThrow();
        assertThat(cart.trigger().resourceKind()).isEqualTo("Pod");
        assertThat(cart.trigger().reason()).isEqualTo("BackOff");
        assertThat(c.eventsAbsorbed()).isGreaterThan(7000);
    }

    @Test
    void theSameWorkloadWithAnotherCauseIsAnotherIncident() {
        IncidentCorrelator c = new IncidentCorrelator(Duration.ofMinutes(10), 100);
        assertThat(c.accept(warning(T0, "cart", "cart-1", "BackOff", "Back-off restarting failed container"))).isPresent();
        assertThat(c.accept(warning(T0.plusSeconds(1), "cart", "cart-2", "Unhealthy", "Liveness probe failed"))).isPresent();
        assertThat(c.accept(warning(T0.plusSeconds(2), "cart", "cart-3", "Unhealthy", "Readiness probe failed"))).isEmpty();
    }

    @Test
    void aQuietGapLongerThanTheWindowOpensANewIncident() {
        IncidentCorrelator c = new IncidentCorrelator(Duration.ofMinutes(10), 100);
        assertThat(c.accept(warning(T0, "cart", "cart-1", "BackOff", "x"))).isPresent();
        assertThat(c.accept(warning(T0.plus(Duration.ofMinutes(9)), "cart", "cart-1", "BackOff", "x"))).isEmpty();
        assertThat(c.accept(warning(T0.plus(Duration.ofMinutes(18)), "cart", "cart-1", "BackOff", "x"))).isEmpty();
        assertThat(c.accept(warning(T0.plus(Duration.ofMinutes(29)), "cart", "cart-1", "BackOff", "x"))).isPresent();
    }

    @Test
    void normalEventsNeverOpenIncidents() {
        IncidentCorrelator c = new IncidentCorrelator(Duration.ofMinutes(10), 100);
        ClusterEvent normal = new ClusterEvent(T0, ResourceRef.of("Deployment", "shop", "web"), null, "Normal", "Pulled",
                "Container image already present", 1);
        assertThat(c.accept(normal)).isEmpty();
        assertThat(c.openIncidents()).isZero();
    }

    @Test
    void memoryStaysBoundedByMaxOpenAndByTheWindow() {
        IncidentCorrelator c = new IncidentCorrelator(Duration.ofMinutes(1), 50);
        for (int i = 0; i < 5000; i++) {
            c.accept(warning(T0.plusMillis(i), "w" + i, "w" + i + "-p", "BackOff", "x"));
            assertThat(c.openIncidents()).isLessThanOrEqualTo(50);
        }
        c.accept(warning(T0.plus(Duration.ofHours(1)), "late", "late-p", "BackOff", "x"));
        assertThat(c.openIncidents()).isEqualTo(1);
    }

    @Test
    void reasonsThatMeanTheSameFailureShareACause() {
        assertThat(IncidentCorrelator.causeOf("Failed", "Failed to pull image \"x\": manifest unknown")).isEqualTo("image_pull");
        assertThat(IncidentCorrelator.causeOf("BackOff", "Back-off pulling image \"x\"")).isEqualTo("image_pull");
        assertThat(IncidentCorrelator.causeOf("ErrImagePull", "")).isEqualTo("image_pull");
        assertThat(IncidentCorrelator.causeOf("BackOff", "Back-off restarting failed container x")).isEqualTo("crash_loop");
        assertThat(IncidentCorrelator.causeOf("FailedMount", "MountVolume.SetUp failed: configmap \"c\" not found"))
                .isEqualTo("config");
        assertThat(IncidentCorrelator.causeOf("FailedMount", "Unable to attach or mount volumes")).isEqualTo("volume");
    }
}
