package io.sreagent.testkit.scenario;

import java.time.Instant;
import java.util.Objects;

/**
 * One log line with its time, as the Loki push API carries it.
 *
 * @param timestampNanos nanoseconds since the epoch
 * @param line           the line, without a trailing newline
 */
public record LogEntry(long timestampNanos, String line) {

    public LogEntry {
        Objects.requireNonNull(line, "line");
    }

    /** The time of the line. */
    public Instant instant() {
        return Instant.ofEpochSecond(Math.floorDiv(timestampNanos, 1_000_000_000L),
                Math.floorMod(timestampNanos, 1_000_000_000L));
    }
}
