package io.sreagent.testkit.prometheus;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server loaded with a scenario's {@code metrics.om}, for tests that check PromQL against the real
 * thing rather than a fake.
 *
 * <p>{@link #start(Path)} backfills the file with {@code promtool tsdb create-blocks-from openmetrics} into a temp
 * directory, starts {@code prometheus} on a free loopback port with a configuration that scrapes nothing and a
 * ten-year retention (scenario data lies in the past), and waits for {@code /-/ready}. {@link #close()} kills the
 * process and deletes the directory. Tests guard with {@code Assumptions.assumeTrue(RealPrometheus.available(),
 * "install prometheus (apt-get install -y prometheus) to run this test")}.
 */
public final class RealPrometheus implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BACKFILL_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path dir;
    private final String url;

    private RealPrometheus(Process process, Path dir, String url) {
        this.process = process;
        this.dir = dir;
        this.url = url;
    }

    /** Whether {@code prometheus} and {@code promtool} are on the PATH. */
    public static boolean available() {
        return onPath("prometheus") && onPath("promtool");
    }

    /**
     * Starts a Prometheus holding the samples of {@code metricsOm}.
     *
     * @throws IOException           when the file cannot be backfilled or the server does not become ready (the
     *                               message carries the tool's output)
     * @throws IllegalStateException when the binaries are not installed
     */
    public static RealPrometheus start(Path metricsOm) throws IOException {
        if (!available()) {
            throw new IllegalStateException("prometheus/promtool are not on the PATH; install them with "
                    + "apt-get install -y prometheus");
        }
        if (!Files.isRegularFile(metricsOm)) {
            throw new IOException("metrics file " + metricsOm.toAbsolutePath() + " does not exist");
        }
        Path dir = Files.createTempDirectory("real-prometheus-");
        try {
            Path data = dir.resolve("data");
            Path log = dir.resolve("promtool.log");
            Process backfill = new ProcessBuilder("promtool", "tsdb", "create-blocks-from", "openmetrics",
                    metricsOm.toAbsolutePath().toString(), data.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!waitFor(backfill, BACKFILL_TIMEOUT) || backfill.exitValue() != 0) {
                backfill.destroyForcibly();
                throw new IOException("promtool could not backfill " + metricsOm + ": "
                        + tail(log) + "; check the file is OpenMetrics with # EOF");
            }
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, "global: {scrape_interval: 15s}\nscrape_configs: []\n");
            int port = freePort();
            String url = "http://127.0.0.1:" + port;
            Path serverLog = dir.resolve("prometheus.log");
            Process p = new ProcessBuilder("prometheus", "--config.file=" + config,
                    "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=10y",
                    "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
            RealPrometheus rp = new RealPrometheus(p, dir, url);
            try {
                rp.awaitReady(serverLog);
            } catch (IOException | RuntimeException e) {
                rp.close();
                throw e;
            }
            return rp;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    /** The server's base URL, such as {@code http://127.0.0.1:41234}. */
    public String url() {
        return url;
    }

    /** Kills the server and deletes its data directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(dir);
    }

    private void awaitReady(Path serverLog) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with " + process.exitValue() + " before it was ready: "
                        + tail(serverLog));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url + "/-/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(1000);
                int code = c.getResponseCode();
                c.disconnect();
                if (code == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the port is not open yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for prometheus", e);
            }
        }
        throw new IOException("prometheus at " + url + " was not ready within " + READY_TIMEOUT + ": "
                + tail(serverLog));
    }

    private static boolean waitFor(Process p, Duration timeout) throws IOException {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running promtool", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary))) {
                return true;
            }
        }
        return false;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output)";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover temp dir is harmless
        }
    }
}
