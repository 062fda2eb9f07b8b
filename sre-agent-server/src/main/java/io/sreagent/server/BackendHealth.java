package io.sreagent.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.tool.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Each backend's reachability for {@code /health}, checked in the background every {@code period}, each backend on its
 * own thread, so that a slow backend blocks neither the endpoint nor the other checks: the answer is the last check,
 * with its time and latency ({@code checking} before the first). Thread-safe.
 */
public final class BackendHealth implements AutoCloseable {

    /** A check: empty when the backend answered, else why not. */
    public interface Check extends Supplier<Optional<String>> {
    }

    private record Result(boolean ok, Instant checkedAt, long latencyMs, String error) {
    }

    private final Map<String, Check> checks;
    private final Map<String, Result> last = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.ExecutorService workers;
    private final Map<String, java.util.concurrent.atomic.AtomicBoolean> inFlight = new ConcurrentHashMap<>();

    private BackendHealth(Map<String, Check> checks, Duration period, Clock clock) {
        this.checks = Map.copyOf(checks);
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sre-agent-health");
            t.setDaemon(true);
            return t;
        });
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sre-agent-health-check");
            t.setDaemon(true);
            return t;
        });
        if (!checks.isEmpty()) {
            timer.scheduleWithFixedDelay(this::checkAll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** No backend to check. */
    public static BackendHealth none() {
        return new BackendHealth(Map.of(), Duration.ofMinutes(1), Clock.systemUTC());
    }

    /**
     * Checks of the backends behind {@code tools}: Kubernetes ({@code k8s.list} of one Node), Prometheus
     * ({@code prometheus.query} of {@code 1}) and Loki ({@code loki.query_range} of a minute of kube-system), for those
     * registered.
     */
    public static BackendHealth of(ToolRegistry tools, Duration period) {
        Map<String, Check> checks = new LinkedHashMap<>();
        probe(tools, checks, "kubernetes", "k8s.list", Json.object().put("kind", "Node").put("limit", 1));
        probe(tools, checks, "prometheus", "prometheus.query", Json.object().put("query", "1"));
        probe(tools, checks, "loki", "loki.query_range", Json.object().put("namespace", "kube-system").put("since", "1m")
                .put("limit", 1));
        return new BackendHealth(checks, period, Clock.systemUTC());
    }

    /** Explicit checks, for a host's own backends. */
    public static BackendHealth of(Map<String, Check> checks, Duration period) {
        return new BackendHealth(checks, period, Clock.systemUTC());
    }

    private static void probe(ToolRegistry tools, Map<String, Check> checks, String name, String toolId, ObjectNode args) {
        if (tools.has(toolId)) {
            checks.put(name, () -> {
                ToolResult r = tools.invoke(ToolInvocation.of(toolId, args));
                return r.isError() && r.error().sourceDown() ? Optional.of(r.error().message()) : Optional.empty();
            });
        }
    }

    /** Starts each backend's check on its own thread, unless its previous check is still running (a slow backend). */
    private void checkAll() {
        checks.forEach((name, check) -> {
            var busy = inFlight.computeIfAbsent(name, n -> new java.util.concurrent.atomic.AtomicBoolean());
            if (busy.compareAndSet(false, true)) {
                workers.execute(() -> {
                    try {
                        checkOne(name, check);
                    } finally {
                        busy.set(false);
                    }
                });
            }
        });
    }

    private void checkOne(String name, Check check) {
        long start = System.nanoTime();
        Optional<String> error;
        try {
            error = check.get();
        } catch (RuntimeException e) {
            error = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        last.put(name, new Result(error.isEmpty(), clock.instant(), (System.nanoTime() - start) / 1_000_000,
                error.orElse(null)));
    }

    /** The {@code /health} body: overall status and, per backend, the last check. */
    ObjectNode report() {
        ObjectNode o = Json.object();
        ObjectNode backends = o.putObject("backends");
        boolean allOk = true;
        for (String name : checks.keySet()) {
            Result r = last.get(name);
            ObjectNode b = backends.putObject(name);
            if (r == null) {
                b.put("status", "checking");
                continue;
            }
            allOk &= r.ok();
            b.put("status", r.ok() ? "ok" : "down").put("checked_at", r.checkedAt().toString()).put("latency_ms", r.latencyMs());
            if (r.error() != null) {
                b.put("error", r.error());
            }
        }
        o.put("status", allOk ? "ok" : "degraded");
        return o;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
