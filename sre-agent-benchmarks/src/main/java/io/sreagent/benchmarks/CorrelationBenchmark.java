package io.sreagent.benchmarks;

import io.sreagent.core.incident.ResourceRef;
import io.sreagent.k8s.events.ClusterEvent;
import io.sreagent.k8s.events.IncidentCorrelator;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Event correlation in a storm: events per second through a fresh {@link IncidentCorrelator}, 30 % Normal noise from
 * 500 healthy workloads and Warning events from 50 failing ones, within one correlation window. (The
 * {@code bench storm} command measures the same end to end with heap; this isolates the correlator.)
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CorrelationBenchmark extends HotPath {

    static final int EVENTS = 100_000;
    private static final String[][] CAUSES = {
            {"BackOff", "Back-off restarting failed container app in pod "},
            {"Failed", "Error: configmap \"app-config\" not found "},
            {"FailedScheduling", "0/12 nodes are available: 12 Insufficient memory. "},
            {"Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 500 "},
    };

    ClusterEvent[] events;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(20261203);
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        events = new ClusterEvent[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            Instant t = t0.plusMillis(i * 2L);
            if (rnd.nextInt(10) < 3) {
                int w = rnd.nextInt(500);
                ResourceRef d = ResourceRef.of("Deployment", "ns-" + w % 7, "svc-" + w);
                events[i] = new ClusterEvent(t, d, ResourceRef.of("Pod", d.namespace(), "svc-" + w + "-6c8d9f7b5-0"),
                        "Normal", "Started", "Started container app", 1);
            } else {
                int w = rnd.nextInt(50);
                int p = rnd.nextInt(5);
                ResourceRef d = ResourceRef.of("Deployment", "ns-" + w % 7, "app-" + w);
                String pod = "app-" + w + "-7d9f8b6c5-" + p;
                String[] cause = CAUSES[w % CAUSES.length];
                events[i] = new ClusterEvent(t, d, ResourceRef.of("Pod", d.namespace(), pod), "Warning", cause[0],
                        cause[1] + pod, 1);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long correlate() {
        IncidentCorrelator correlator = new IncidentCorrelator(Duration.ofMinutes(10), 10_000);
        long opened = 0;
        for (ClusterEvent e : events) {
            if (correlator.accept(e).isPresent()) {
                opened++;
            }
        }
        return opened;
    }
}
