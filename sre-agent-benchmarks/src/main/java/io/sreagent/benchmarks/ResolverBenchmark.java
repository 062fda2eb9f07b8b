package io.sreagent.benchmarks;

import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.workflow.diagnosis.RootCauseResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * The root-cause resolver over the findings of a busy incident: a crash-looping caller, its dependency's deeper
 * cause with a chain, agreeing and disagreeing sources, and findings on neighbouring workloads (40 in all, more than
 * a project scenario produces).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResolverBenchmark extends HotPath {

    private static final ResourceRef ORDERS = ResourceRef.of("Deployment", "shop", "orders");
    private static final ResourceRef ORDERS_POD = ResourceRef.of("Pod", "shop", "orders-7f6c5d4b3-m2x8k");
    private static final ResourceRef REDIS = ResourceRef.of("Deployment", "shop", "redis");

    final RootCauseResolver resolver = new RootCauseResolver();
    final UnaryOperator<ResourceRef> lift = r -> r.equals(ORDERS_POD) ? ORDERS : r;
    List<Finding> findings;

    private static Finding f(String source, Category c, ResourceRef r, ResourceRef subject, double conf, List<String> chain) {
        return new Finding(source, "bench", c, r, subject, conf, c + " on " + r, null, null, chain);
    }

    @Setup
    public void setup() {
        findings = new ArrayList<>(List.of(
                f("kubernetes", Category.APP_CRASH, ORDERS, ORDERS_POD, 0.7, List.of()),
                f("loki", Category.DEPENDENCY_UNAVAILABLE, REDIS, ORDERS, 0.6, List.of("orders logs connection refused", "redis")),
                f("kubernetes", Category.UNSCHEDULABLE_RESOURCES, REDIS, ORDERS, 0.85,
                        List.of("orders logs connection refused to redis:6379", "redis pods Pending", "Insufficient memory")),
                f("prometheus", Category.CPU_THROTTLING, ORDERS, ORDERS, 0.4, List.of()),
                f("kubernetes", Category.PROBE_FAILURE, ORDERS, ORDERS_POD, 0.5, List.of())));
        Category[] noise = {Category.OOM_KILLED, Category.CPU_THROTTLING, Category.PROBE_FAILURE, Category.APP_CRASH};
        for (int i = 0; findings.size() < 40; i++) {
            ResourceRef other = ResourceRef.of("Deployment", "shop", "svc-" + i);
            findings.add(f(i % 2 == 0 ? "kubernetes" : "prometheus", noise[i % noise.length], other, other,
                    0.2 + (i % 5) / 10.0, List.of()));
        }
    }

    @Benchmark
    public List<Hypothesis> resolve() {
        return resolver.resolve(findings, lift, ORDERS);
    }
}
