package io.sreagent.benchmarks;

import io.sreagent.testkit.prometheus.EmbeddedPrometheus;
import io.sreagent.testkit.prometheus.internal.Expr;
import io.sreagent.testkit.prometheus.internal.PromQlEngine;
import io.sreagent.testkit.prometheus.internal.PromQlParser;
import io.sreagent.testkit.scenario.Scenario;
import io.sreagent.testkit.scenario.ScenarioLoader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * PromQL in the embedded Prometheus over an example scenario's metrics (the testkit's {@code cart-oom-killed}):
 * parsing, evaluating at an instant, and a whole {@code query_range} over loopback HTTP as the metric agents call it
 * (30 minutes at a 30 s step), the path every scenario diagnosis takes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PromQlBenchmark extends HotPath {

    static final String QUERY = "max by (pod) (container_memory_working_set_bytes{namespace=\"shop\",container!=\"\"})"
            + " / max by (pod) (kube_pod_container_resource_limits{namespace=\"shop\",resource=\"memory\"})";
    static final String RATE = "sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace=\"shop\"}[10m]))";

    PromQlEngine engine;
    Expr parsed;
    long now;
    EmbeddedPrometheus server;
    HttpClient http;
    URI range;

    @Setup
    public void setup() {
        Scenario s = ScenarioLoader.loadResource(io.sreagent.testkit.scenario.ExampleScenarios.BASE + "/cart-oom-killed");
        engine = new PromQlEngine(s.metrics().series());
        parsed = PromQlParser.parse(QUERY);
        now = s.now().toEpochMilli();
        server = EmbeddedPrometheus.start(s);
        http = HttpClient.newHttpClient();
        long end = now / 1000;
        range = URI.create(server.url() + "/api/v1/query_range?query=" + URLEncoder.encode(RATE, StandardCharsets.UTF_8)
                + "&start=" + (end - 1800) + "&end=" + end + "&step=30");
    }

    @TearDown
    public void tearDown() {
        server.close();
    }

    @Benchmark
    public Expr parse() {
        return PromQlParser.parse(QUERY);
    }

    @Benchmark
    public PromQlEngine.Value evalInstant() {
        return engine.eval(parsed, now);
    }

    @Benchmark
    public int queryRangeOverHttp() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(range).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the embedded Prometheus answered " + r.statusCode());
        }
        return r.body().length();
    }
}
