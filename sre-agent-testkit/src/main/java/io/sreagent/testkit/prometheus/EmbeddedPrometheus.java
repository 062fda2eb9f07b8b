package io.sreagent.testkit.prometheus;

import io.sreagent.testkit.internal.LoopbackServer;
import io.sreagent.testkit.prometheus.internal.PrometheusApi;
import io.sreagent.testkit.scenario.Metrics;
import io.sreagent.testkit.scenario.Scenario;
import java.time.Instant;

/**
 * A Prometheus HTTP API over a scenario's metrics, so that the real Prometheus tools run against a frozen incident.
 *
 * <p>Serves {@code /api/v1/query}, {@code /api/v1/query_range}, {@code /api/v1/series}, {@code /api/v1/labels},
 * {@code /api/v1/label/NAME/values}, {@code /api/v1/metadata}, {@code /-/ready} and {@code /-/healthy} in
 * Prometheus's JSON shapes, with Prometheus 2.x semantics (see {@code PromQlEngine}). The PromQL subset: selectors with
 * {@code =}, {@code !=}, {@code =~}, {@code !~}; range vectors; {@code rate}, {@code increase}, {@code irate},
 * {@code deriv}, {@code avg|min|max|sum|count|last_over_time}; {@code histogram_quantile};
 * {@code sum|avg|max|min|count} with {@code by}/{@code without}; arithmetic and comparisons (with {@code bool})
 * between scalars and vectors, one-to-one vector matching with {@code on}/{@code ignoring}, the set operators
 * {@code and}, {@code or} and {@code unless}. Anything else
 * ({@code offset}, {@code @}, subqueries, {@code group_left}, {@code topk}, other functions) is
 * a {@code bad_data} error with HTTP 400, never a wrong answer. Without {@code time} an instant query is evaluated at
 * the scenario clock.
 *
 * <p>Thread-safe; close it to stop the server.
 */
public final class EmbeddedPrometheus implements AutoCloseable {

    private final LoopbackServer server;

    private EmbeddedPrometheus(LoopbackServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port over the scenario's metrics (an empty API when it has none). */
    public static EmbeddedPrometheus start(Scenario scenario) {
        return start(scenario.metrics(), scenario.now());
    }

    /** Starts a server on a free loopback port over {@code metrics}, evaluating at {@code now} by default. */
    public static EmbeddedPrometheus start(Metrics metrics, Instant now) {
        return new EmbeddedPrometheus(LoopbackServer.start("embedded Prometheus", new PrometheusApi(metrics, now.toEpochMilli())));
    }

    /** The base URL, for example {@code http://127.0.0.1:41234}, without a trailing slash. */
    public String url() {
        return server.url();
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }
}
