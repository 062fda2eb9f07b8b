package io.sreagent.core.analysis.logs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One logical log event: a line, plus the stack-trace lines that followed it (Java {@code at}/{@code Caused by:},
 * Go {@code goroutine N [running]:}, Python {@code Traceback}, Node {@code     at}).
 *
 * @param index      index of the event's first line in the input
 * @param time       the first line's timestamp, or null
 * @param text       the first line
 * @param trace      the continuation lines, in order (bounded: the first {@value StackTraces#MAX_TRACE_LINES})
 * @param traceLines how many continuation lines there were, including those not kept
 */
public record LogEvent(int index, Instant time, String text, List<String> trace, int traceLines) {

    public LogEvent {
        Objects.requireNonNull(text, "text");
        trace = trace == null ? List.of() : List.copyOf(trace);
    }

    /** Whether the event carries a stack trace. */
    public boolean hasStackTrace() {
        return traceLines > 0;
    }

    /** The first line and the kept trace lines, joined by newlines. */
    public String fullText() {
        return trace.isEmpty() ? text : text + "\n" + String.join("\n", trace);
    }
}
