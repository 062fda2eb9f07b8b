package io.sreagent.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sreagent.testkit.k8s.EmbeddedCluster;
import io.sreagent.testkit.loki.EmbeddedLoki;
import io.sreagent.testkit.prometheus.EmbeddedPrometheus;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.tool.ToolRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A scenario served through the real APIs: a Kubernetes API server, a Prometheus API and a Loki API on loopback
 * ports, plus the scenario clock, so that agents and tools run against a frozen incident unchanged.
 *
 * <p>The three servers always start; one over a scenario without metrics or logs answers empty results, so tools
 * behave as against a Prometheus or Loki that has no data. Close it to stop all three.
 *
 * <pre>{@code
 * try (EmbeddedScenario s = EmbeddedScenario.start(ScenarioLoader.loadResource("scenarios/cart-oom-killed"))) {
 *     KubernetesClient k8s = s.cluster().client();
 *     String prometheus = s.prometheusUrl();
 *     Clock clock = s.clock();
 * }
 * }</pre>
 */
public final class EmbeddedScenario implements AutoCloseable {

    private final Scenario scenario;
    private final EmbeddedCluster cluster;
    private final EmbeddedPrometheus prometheus;
    private final EmbeddedLoki loki;

    private EmbeddedScenario(Scenario scenario, EmbeddedCluster cluster, EmbeddedPrometheus prometheus,
                             EmbeddedLoki loki) {
        this.scenario = scenario;
        this.cluster = cluster;
        this.prometheus = prometheus;
        this.loki = loki;
    }

    /** Starts the three servers for {@code scenario}; on failure, whatever was started is stopped again. */
    public static EmbeddedScenario start(Scenario scenario) {
        EmbeddedPrometheus prometheus = EmbeddedPrometheus.start(scenario);
        EmbeddedLoki loki = null;
        try {
            loki = EmbeddedLoki.start(scenario);
            EmbeddedCluster cluster = EmbeddedCluster.start(scenario);
            return new EmbeddedScenario(scenario, cluster, prometheus, loki);
        } catch (RuntimeException e) {
            prometheus.close();
            if (loki != null) {
                loki.close();
            }
            throw e;
        }
    }

    /** Loads the scenario in {@code dir} and starts it. */
    public static EmbeddedScenario start(Path dir) {
        return start(ScenarioLoader.load(dir));
    }

    /** Loads the scenario at class-path resource base {@code base} (such as {@code scenarios/cart-oom-killed}) and starts it. */
    public static EmbeddedScenario startResource(String base) {
        return start(ScenarioLoader.loadResource(base));
    }

    /** The scenario being served. */
    public Scenario scenario() {
        return scenario;
    }

    /** The Kubernetes API server. */
    public EmbeddedCluster cluster() {
        return cluster;
    }

    /** A fabric8 client of the Kubernetes API server (shortcut for {@code cluster().client()}). */
    public KubernetesClient kubernetes() {
        return cluster.client();
    }

    /** The base URL of the Prometheus API, without a trailing slash. */
    public String prometheusUrl() {
        return prometheus.url();
    }

    /** The base URL of the Loki API, without a trailing slash. */
    public String lokiUrl() {
        return loki.url();
    }

    /** The scenario clock: fixed at the scenario's {@code now}. Give it to agents and tools. */
    public Clock clock() {
        return scenario.clock();
    }

    /**
     * Every tool whose provider is on the class path (the Kubernetes, Prometheus and Loki modules), pointed at these
     * servers and reading the scenario clock.
     */
    public ToolRegistry tools() {
        return tools(Map.of());
    }

    /**
     * Like {@link #tools()}, with properties that replace the embedded servers' (for example {@code PROMETHEUS_URL}
     * of a real Prometheus loaded from the same scenario).
     */
    public ToolRegistry tools(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("PROMETHEUS_URL", prometheusUrl());
        props.put("LOKI_URL", lokiUrl());
        props.putAll(overrides);
        ToolProviderContext ctx = ToolProviderContext.builder()
                .properties(props)
                .component(KubernetesClient.class, kubernetes())
                .clock(clock())
                .build();
        return ToolRegistry.builder().discover(EmbeddedScenario.class.getClassLoader(), ctx).build();
    }

    /** Stops the three servers. */
    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            try {
                prometheus.close();
            } finally {
                loki.close();
            }
        }
    }
}
