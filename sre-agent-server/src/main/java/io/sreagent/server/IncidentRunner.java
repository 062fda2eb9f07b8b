package io.sreagent.server;

import io.sreagent.core.agent.Cancellation;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Trigger;
import io.sreagent.workflow.SreWorkflow;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs incidents on a bounded executor: at most {@code concurrency} at once and {@code queue} waiting, beyond which
 * {@link #submit} refuses (the server answers 429). Identical triggers (same object and reason) share one run while it
 * is in flight and for {@code window} after it ended, so an event storm is diagnosed once. Thread-safe.
 */
final class IncidentRunner implements AutoCloseable {

    /** One run: its incident id and the decision to come. */
    record Run(String id, String key, CompletableFuture<Decision> decision, long endedNanos) {
        Run ended() {
            return new Run(id, key, decision, System.nanoTime());
        }
    }

    private final SreWorkflow workflow;
    private final ThreadPoolExecutor pool;
    private final long windowNanos;
    private final Map<String, Run> byKey = new ConcurrentHashMap<>();
    private final Map<String, Run> byId = new ConcurrentHashMap<>();
    private final AtomicInteger runs = new AtomicInteger();

    private final ChatSocket chat;

    IncidentRunner(SreWorkflow workflow, int concurrency, int queue, Duration window, ChatSocket chat) {
        this.workflow = workflow;
        this.chat = chat;
        this.windowNanos = window.toNanos();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "sre-agent-incident-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** What makes two triggers the same incident: the object and the reason. */
    static String key(Trigger t) {
        return t.resourceKind() + "/" + t.namespace() + "/" + t.resourceName() + "#" + t.reason();
    }

    /**
     * The run of {@code trigger}: an identical one in flight (or ended within the window), else a new one.
     *
     * @throws RejectedExecutionException when the queue is full
     */
    synchronized Run submit(Trigger trigger) {
        String key = key(trigger);
        long now = System.nanoTime();
        byKey.values().removeIf(r -> r.endedNanos() != 0 && now - r.endedNanos() > windowNanos);
        Run existing = byKey.get(key);
        if (existing != null) {
            return existing;
        }
        String id = workflow.newIncidentId();
        Run run = new Run(id, key, new CompletableFuture<>(), 0);
        pool.execute(() -> {
            try {
                runs.incrementAndGet();
                chat.started(id, trigger);
                Decision d = workflow.processIncident(id, trigger, e -> chat.event(id, e), new Cancellation());
                run.decision().complete(d);
                chat.decided(d);
            } catch (Throwable e) {
                run.decision().completeExceptionally(e);
            } finally {
                synchronized (this) {
                    byKey.computeIfPresent(key, (k, r) -> r.id().equals(id) ? r.ended() : r);
                    byId.remove(id);
                }
            }
        });
        byKey.put(key, run);
        byId.put(id, run);
        return run;
    }

    /** A run still in flight, by incident id. */
    Optional<Run> running(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** How many runs have started. */
    int runsStarted() {
        return runs.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
