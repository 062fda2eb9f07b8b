package io.sreagent.loki;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One log line returned by Loki, with the labels of its stream.
 *
 * @param timestampNanos the line's time in nanoseconds since the epoch, as Loki gave it
 * @param line           the line
 * @param labels         the labels of the stream it belongs to
 */
public record LogEntry(long timestampNanos, String line, Map<String, String> labels) {

    public LogEntry {
        Objects.requireNonNull(line, "line");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The line's time. */
    public Instant time() {
        return Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L),
                Math.floorMod(timestampNanos, 1_000_000_000L));
    }
}
