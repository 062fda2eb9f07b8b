package io.sreagent.workflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ResourceRef;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RootCauseResolverTest {

    private static final ResourceRef ORDERS = ResourceRef.of("Deployment", "shop", "orders");
    private static final ResourceRef ORDERS_POD = ResourceRef.of("Pod", "shop", "orders-7f6c5d4b3-m2x8k");
    private static final ResourceRef REDIS = ResourceRef.of("Deployment", "shop", "redis");
    private final RootCauseResolver resolver = new RootCauseResolver();
    private final UnaryOperator<ResourceRef> lift = r -> r.equals(ORDERS_POD) ? ORDERS : r;

    private static Finding f(String source, Category c, ResourceRef r, ResourceRef subject, double conf, List<String> chain) {
        return new Finding(source, "test", c, r, subject, conf, c + " on " + r, null, null, chain);
    }

    @Test
    void theDeepestCauseTheEvidenceReachesWins() {
        List<Hypothesis> hs = resolver.resolve(List.of(
                f("kubernetes", Category.APP_CRASH, ORDERS, ORDERS_POD, 0.7, List.of()),
                f("loki", Category.DEPENDENCY_UNAVAILABLE, REDIS, ORDERS, 0.6, List.of("orders logs connection refused", "redis")),
                f("kubernetes", Category.UNSCHEDULABLE_RESOURCES, REDIS, ORDERS, 0.85,
                        List.of("orders logs connection refused to redis:6379", "redis pods Pending", "Insufficient memory"))),
                lift, ORDERS);
        assertThat(hs.get(0).category()).isEqualTo(Category.UNSCHEDULABLE_RESOURCES);
        assertThat(hs.get(0).resource()).isEqualTo(REDIS);
        assertThat(hs.get(0).summary()).contains("Insufficient memory");
    }

    @Test
    void aSpecificCauseExplainsTheCrashLoopOnTheSameWorkload() {
        List<Hypothesis> hs = resolver.resolve(List.of(
                f("kubernetes", Category.APP_CRASH, ORDERS, ORDERS_POD, 0.75, List.of()),
                f("kubernetes", Category.OOM_KILLED, ORDERS, ORDERS_POD, 0.7, List.of())), lift, ORDERS);
        assertThat(hs.get(0).category()).isEqualTo(Category.OOM_KILLED);
    }

    @Test
    void independentSourcesAgreeingBeatOneStrongerSource() {
        List<Hypothesis> hs = resolver.resolve(List.of(
                f("kubernetes", Category.PROBE_FAILURE, ORDERS, ORDERS_POD, 0.7, List.of()),
                f("kubernetes", Category.CPU_THROTTLING, ORDERS, ORDERS, 0.55, List.of()),
                f("prometheus", Category.CPU_THROTTLING, ORDERS, ORDERS, 0.6, List.of())), lift, ORDERS);
        assertThat(hs.get(0).category()).isEqualTo(Category.CPU_THROTTLING);
        assertThat(hs.get(0).confidence()).isGreaterThan(0.8);
    }

    @Test
    void weakEvidenceIsUnknownOnTheWorkload() {
        List<Hypothesis> hs = resolver.resolve(List.of(f("triage", Category.APP_CRASH, ORDERS_POD, ORDERS_POD, 0.25, List.of())),
                lift, ORDERS);
        assertThat(hs.get(0).category()).isEqualTo(Category.UNKNOWN);
        assertThat(hs.get(0).resource()).isEqualTo(ORDERS);
        assertThat(resolver.resolve(List.of(), lift, ORDERS).get(0).category()).isEqualTo(Category.UNKNOWN);
    }
}
