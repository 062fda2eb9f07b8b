package io.sreagent.k8s.analysis;

import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.k8s.MockCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The analyzer against the three recorded clusters: the top finding names the expected category and resource. */
class ScenarioAnalysisTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:30:00Z"), ZoneOffset.UTC);

    @Test
    void oomKilledPodLeadsToItsDeploymentWithTheLimitThatWasHit() {
        try (MockCluster c = MockCluster.fromResource("clusters/cart-oom-killed.yaml")) {
            Analysis a = new ClusterAnalyzer(c.client, CLOCK).analyze(ResourceRef.of("Pod", "shop", "cart-7d9f8b6c5-x2k4q"));
            Finding top = a.findings().get(0);
            assertThat(top.category()).isEqualTo(Category.OOM_KILLED);
            assertThat(top.resource()).isEqualTo(ResourceRef.of("Deployment", "shop", "cart"));
            assertThat(top.confidence()).isGreaterThanOrEqualTo(0.9);
            assertThat(top.detail().path("memory_limit").asText()).isEqualTo("128Mi");
            assertThat(top.detail().path("exit_code").asInt()).isEqualTo(137);
            assertThat(top.detail().path("uptime_seconds").asLong()).isEqualTo(126);
            assertThat(top.detail().path("pods")).hasSize(2);
            assertThat(top.chain()).isNotEmpty();
            // the previous revision is scaled to zero: its health is unknown, so no claim that the rollout began it
            assertThat(top.detail().path("rollout").path("previous_healthy").isNull()).isTrue();
            assertThat(top.detail().path("rollout").has("failures_started_with_revision")).isFalse();
        }
    }

    @Test
    void missingConfigMapIsNamedAndConfirmedAbsent() {
        try (MockCluster c = MockCluster.fromResource("clusters/payments-configmap-missing.yaml")) {
            Analysis a = new ClusterAnalyzer(c.client, CLOCK)
                    .analyze(ResourceRef.of("Pod", "payments", "payments-api-59d4c8b7f-d7k2p"));
            Finding top = a.findings().get(0);
            assertThat(top.category()).isEqualTo(Category.CONFIG_MISSING);
            assertThat(top.resource()).isEqualTo(ResourceRef.of("Deployment", "payments", "payments-api"));
            assertThat(top.detail().path("missing_kind").asText()).isEqualTo("ConfigMap");
            assertThat(top.detail().path("missing_name").asText()).isEqualTo("payments-config");
            assertThat(top.detail().path("confirmed_missing").asBoolean()).isTrue();
            assertThat(top.detail().path("similar_existing").toString()).contains("payments-config-v2");
            assertThat(top.detail().path("rollout").path("failures_started_with_revision").asLong()).isEqualTo(12);
            assertThat(top.detail().path("rollout").path("rollback_candidate_revision").asLong()).isEqualTo(11);
            assertThat(top.confidence()).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void crashingCallerLeadsToTheDependencyScaledToZero() {
        try (MockCluster c = MockCluster.fromResource("clusters/orders-postgres-scaled-to-zero.yaml")) {
            Analysis a = new ClusterAnalyzer(c.client, CLOCK).analyze(ResourceRef.of("Pod", "shop", "orders-7f6c5d4b3-m2x8k"));
            Finding top = a.findings().get(0);
            assertThat(top.category()).isEqualTo(Category.DEPENDENCY_UNAVAILABLE);
            assertThat(top.resource()).isEqualTo(ResourceRef.of("StatefulSet", "shop", "postgres"));
            assertThat(a.findings()).anySatisfy(f -> assertThat(f.category()).isEqualTo(Category.APP_CRASH));
            Finding crash = a.findings().stream().filter(f -> f.category() == Category.APP_CRASH).findFirst().orElseThrow();
            assertThat(top.confidence()).isGreaterThan(crash.confidence());
        }
    }

    @Test
    void dependencyHostResolvesThroughServiceToTheScaledDownWorkload() {
        try (MockCluster c = MockCluster.fromResource("clusters/orders-postgres-scaled-to-zero.yaml")) {
            ClusterAnalyzer analyzer = new ClusterAnalyzer(c.client, CLOCK);
            for (String host : new String[]{"postgres", "postgres.shop.svc.cluster.local:5432", "postgres:5432",
                    "10.96.137.56", "postgres://orders@postgres.shop.svc.cluster.local:5432/orders"}) {
                Analysis a = analyzer.analyzeService("shop", host);
                assertThat(a.findings()).as(host).isNotEmpty();
                Finding top = a.findings().get(0);
                assertThat(top.category()).as(host).isEqualTo(Category.DEPENDENCY_UNAVAILABLE);
                assertThat(top.resource()).as(host).isEqualTo(ResourceRef.of("StatefulSet", "shop", "postgres"));
                assertThat(top.confidence()).as(host).isGreaterThanOrEqualTo(0.9);
            }
        }
    }

    @Test
    void healthyDependencyGivesNoFinding() {
        try (MockCluster c = MockCluster.fromResource("clusters/cart-oom-killed.yaml")) {
            Analysis a = new ClusterAnalyzer(c.client, CLOCK).analyzeService("shop", "frontend");
            assertThat(a.findings()).isEmpty();
            assertThat(a.resolved().path("ready_endpoints").asInt()).isGreaterThan(0);
        }
    }
}
