package io.sreagent.core.analysis.logs;

import java.time.Instant;

/**
 * One log line handed to the {@link LogAnalyzer}: its text and, when known, when it was written.
 *
 * @param time the line's timestamp, or null when the source gave none
 * @param text the line as written (null is read as an empty line)
 */
public record LogLine(Instant time, String text) {

    public LogLine {
        if (text == null) {
            text = "";
        }
    }

    /** A line without a timestamp. */
    public static LogLine of(String text) {
        return new LogLine(null, text);
    }

    /** A line written at {@code time}. */
    public static LogLine at(Instant time, String text) {
        return new LogLine(time, text);
    }
}
