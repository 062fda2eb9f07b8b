package io.sreagent.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.support.Json;
import io.sreagent.k8s.events.ClusterEvent;
import io.sreagent.k8s.events.IncidentCorrelator;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The event-storm benchmark behind {@code ./sre-agent bench storm --events N}: generates a storm of Kubernetes
 * events (many failing workloads with many events each, plus Normal-event noise from healthy workloads) on the fly,
 * feeds it to one {@link IncidentCorrelator} on the calling thread, and reports how many incidents came out against
 * how many the generator planted, the throughput, and the peak heap.
 *
 * <p>Events are generated as they are fed (nothing is pre-built), so the memory used does not grow with N; the
 * correlator's own memory is bounded by its open-incident limit. Deterministic: the same N gives the same storm.
 */
public final class StormBenchmark {

    /** Failing workloads in every storm; each fails with one cause, so each should yield exactly one incident. */
    static final int FAILING_WORKLOADS = 50;
    /** Healthy workloads whose Normal events are the noise. */
    static final int NOISY_WORKLOADS = 500;
    private static final String[][] CAUSES = {
            {"BackOff", "Back-off restarting failed container app in pod %s"},
            {"Failed", "Error: configmap \"app-config\" not found"},
            {"FailedScheduling", "0/12 nodes are available: 12 Insufficient memory."},
            {"Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 500"},
            {"Failed", "Failed to pull image \"registry.example.com/app:9.9.9\": manifest unknown"},
            {"FailedMount", "Unable to attach or mount volumes: timed out waiting for the condition"},
    };
    private static final String[] NORMAL = {"Pulled", "Created", "Started", "Scheduled", "SuccessfulCreate"};

    private StormBenchmark() {
    }

    /**
     * What one run measured.
     *
     * @param events            events fed
     * @param incidents         incidents the correlator opened
     * @param expectedIncidents incidents the generator planted (one per failing workload)
     * @param eventsPerSecond   throughput of generation plus correlation on one thread
     * @param peakHeapMb        peak heap used during the run, in MiB (after a GC before the run)
     */
    public record Result(long events, long incidents, long expectedIncidents, double eventsPerSecond, double peakHeapMb) {

        /** {@code {"events":N,"incidents":I,"expected_incidents":E,"events_per_second":R,"peak_heap_mb":H}}. */
        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("events", events);
            o.put("incidents", incidents);
            o.put("expected_incidents", expectedIncidents);
            o.put("events_per_second", Math.round(eventsPerSecond));
            o.put("peak_heap_mb", Math.round(peakHeapMb * 10) / 10.0);
            return o;
        }
    }

    /** Events fed to a throw-away correlator first, so the figure is the JIT-compiled steady state. */
    static final long WARM_UP = 200_000;

    /**
     * Runs one storm of {@code events} events, after a warm-up storm of {@link #WARM_UP} events on a separate
     * correlator (not counted).
     */
    public static Result run(long events) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1, was " + events);
        }
        storm(WARM_UP);
        return storm(events);
    }

    private static Result storm(long events) {
        ResourceRef[] failing = new ResourceRef[FAILING_WORKLOADS];
        ResourceRef[][] failingPods = new ResourceRef[FAILING_WORKLOADS][5];
        String[][] messages = new String[FAILING_WORKLOADS][5];
        for (int w = 0; w < FAILING_WORKLOADS; w++) {
            String name = "app-" + w;
            failing[w] = ResourceRef.of("Deployment", "ns-" + (w % 7), name);
            String[] cause = CAUSES[w % CAUSES.length];
            for (int p = 0; p < 5; p++) {
                String pod = name + "-7d9f8b6c5-" + p;
                failingPods[w][p] = ResourceRef.of("Pod", failing[w].namespace(), pod);
                messages[w][p] = String.format(Locale.ROOT, cause[1], pod);
            }
        }
        ResourceRef[] noisy = new ResourceRef[NOISY_WORKLOADS];
        ResourceRef[] noisyPods = new ResourceRef[NOISY_WORKLOADS];
        for (int w = 0; w < NOISY_WORKLOADS; w++) {
            noisy[w] = ResourceRef.of("Deployment", "ns-" + (w % 7), "svc-" + w);
            noisyPods[w] = ResourceRef.of("Pod", noisy[w].namespace(), "svc-" + w + "-6c8d9f7b5-0");
        }
        IncidentCorrelator correlator = new IncidentCorrelator(Duration.ofMinutes(10), 10_000);
        SplittableRandom rnd = new SplittableRandom(7);
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        // every failing workload fires once first, so each planted incident exists even for tiny N
        long planted = Math.min(events, FAILING_WORKLOADS);

        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        long start = System.nanoTime();
        long incidents = 0;
        for (long i = 0; i < events; i++) {
            // the storm lasts a few minutes of event time: well within one correlation window
            Instant t = t0.plusMillis(i % 240_000);
            ClusterEvent e;
            if (i < FAILING_WORKLOADS) {
                int w = (int) i;
                e = new ClusterEvent(t, failing[w], failingPods[w][0], "Warning", CAUSES[w % CAUSES.length][0],
                        messages[w][0], 1);
            } else if (rnd.nextInt(10) < 3) {
                int w = rnd.nextInt(NOISY_WORKLOADS);
                e = new ClusterEvent(t, noisy[w], noisyPods[w], "Normal", NORMAL[rnd.nextInt(NORMAL.length)],
                        "Started container app", 1);
            } else {
                int w = rnd.nextInt(FAILING_WORKLOADS);
                int p = rnd.nextInt(5);
                e = new ClusterEvent(t, failing[w], failingPods[w][p], "Warning", CAUSES[w % CAUSES.length][0],
                        messages[w][p], 1);
            }
            if (correlator.accept(e).isPresent()) {
                incidents++;
            }
        }
        long elapsed = Math.max(1, System.nanoTime() - start);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return new Result(events, incidents, planted, events * 1e9 / elapsed, peak / (1024.0 * 1024.0));
    }

    /** {@code StormBenchmark [--events N] [--output json|text]}: prints one JSON object (or a line of text). */
    public static void main(String[] args) {
        long events = 1_000_000;
        String output = "json";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--output" -> output = args[++i];
                default -> {
                    System.err.println("unknown option " + args[i] + "; use --events N --output json|text");
                    System.exit(2);
                }
            }
        }
        Result r = run(events);
        if (output.equals("text")) {
            System.out.printf(Locale.ROOT, "%d events -> %d incidents (expected %d), %.0f events/s, peak heap %.1f MiB%n",
                    r.events(), r.incidents(), r.expectedIncidents(), r.eventsPerSecond(), r.peakHeapMb());
        } else {
            System.out.println(Json.write(r.toJson()));
        }
    }
}
