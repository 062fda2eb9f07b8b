package io.sreagent.core.analysis.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One observation of a metric series: a time and a value; the input of every analysis in this package.
 *
 * @param time  when
 * @param value the value (NaN marks a gap and is ignored by the analyses)
 */
public record Point(Instant time, double value) {

    /** Checks the time is present. */
    public Point {
        Objects.requireNonNull(time, "time");
    }

    /** A point at {@code epochSeconds}. */
    public static Point of(long epochSeconds, double value) {
        return new Point(Instant.ofEpochSecond(epochSeconds), value);
    }
}
