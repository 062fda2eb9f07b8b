package io.sreagent.benchmarks;

import io.sreagent.core.analysis.logs.TemplateMiner;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Log template mining: lines per second into a fresh miner (learning templates), and matching lines against a miner
 * that has learned them. The lines come from a fixed set of application and platform log shapes with random
 * variables (ids, addresses, durations, counts), seeded, so every run mines the same input.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TemplateMiningBenchmark extends HotPath {

    static final int LINES = 10_000;
    private static final String[] SHAPES = {
            "INFO  [http-nio-8080-exec-%d] c.e.cart.CartController : GET /api/cart/%s 200 in %d ms",
            "ERROR [pool-%d-thread-1] o.h.engine.jdbc.spi.SqlExceptionHelper : Connection to %s:5432 refused. Check that the hostname and port are correct",
            "WARN  HikariPool-1 - Connection is not available, request timed out after %dms (total=%d, active=%d, idle=0, waiting=%d)",
            "level=error ts=2026-11-20T10:%02d:%02dZ caller=main.go:%d msg=\"dial tcp %s: connect: connection refused\"",
            "{\"level\":\"warn\",\"msg\":\"slow request\",\"path\":\"/orders/%s\",\"duration_ms\":%d,\"trace_id\":\"%s\"}",
            "java.lang.OutOfMemoryError: Java heap space at com.example.cache.Warmup.load(Warmup.java:%d) after %d entries",
            "I1120 10:%02d:%02d.%06d    1 controller.go:%d] Successfully synced 'shop/%s'",
            "upstream connect error or disconnect/reset before headers. reset reason: connection failure, host %s",
    };

    String[] lines;
    TemplateMiner learned;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(20261203);
        lines = new String[LINES];
        for (int i = 0; i < LINES; i++) {
            lines[i] = line(rnd);
        }
        learned = new TemplateMiner();
        for (String l : lines) {
            learned.add(l);
        }
    }

    private static String line(SplittableRandom rnd) {
        int shape = rnd.nextInt(SHAPES.length);
        String id = Long.toHexString(rnd.nextLong());
        String addr = "10.0." + rnd.nextInt(256) + "." + rnd.nextInt(256);
        int n = rnd.nextInt(5_000);
        return switch (shape) {
            case 0 -> String.format(Locale.ROOT, SHAPES[0], rnd.nextInt(200), id, n);
            case 1 -> String.format(Locale.ROOT, SHAPES[1], rnd.nextInt(16), addr);
            case 2 -> String.format(Locale.ROOT, SHAPES[2], n, 10, 10, rnd.nextInt(100));
            case 3 -> String.format(Locale.ROOT, SHAPES[3], rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(400), addr + ":6379");
            case 4 -> String.format(Locale.ROOT, SHAPES[4], id, n, Long.toHexString(rnd.nextLong()));
            case 5 -> String.format(Locale.ROOT, SHAPES[5], rnd.nextInt(300), n * 1000);
            case 6 -> String.format(Locale.ROOT, SHAPES[6], rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(1_000_000),
                    rnd.nextInt(900), "cart-" + id.substring(0, 5));
            default -> String.format(Locale.ROOT, SHAPES[7], addr + ":" + (8000 + rnd.nextInt(100)));
        };
    }

    /** Lines per second into an empty miner: tokenising, the prefix tree, new and merged templates. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public int mine() {
        TemplateMiner miner = new TemplateMiner();
        for (String l : lines) {
            miner.add(l);
        }
        return miner.templateCount();
    }

    /** Lines per second matched against learned templates, without learning. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long match() {
        long sum = 0;
        for (String l : lines) {
            sum += learned.match(l);
        }
        return sum;
    }
}
