package io.sreagent.core.analysis.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups log lines into events, so that a stack trace (Java, Go, Python, Node) becomes one event together with the
 * line that started it.
 *
 * <p>Stateless and thread-safe; the work is linear in the input.
 */
public final class StackTraces {

    /** Continuation lines kept per event; more are counted but dropped. */
    public static final int MAX_TRACE_LINES = 50;

    private StackTraces() {
    }

    private enum Mode { NONE, JAVA, PYTHON, GO }

    /** Groups {@code lines} into events, in order. Never throws on odd content. */
    public static List<LogEvent> group(List<LogLine> lines) {
        List<LogEvent> out = new ArrayList<>();
        if (lines == null) {
            return out;
        }
        int head = -1;
        List<String> trace = new ArrayList<>();
        int traceLines = 0;
        Mode mode = Mode.NONE;
        for (int i = 0; i < lines.size(); i++) {
            LogLine l = lines.get(i);
            String t = l == null ? "" : l.text();
            boolean continuation = head >= 0 && isContinuation(t, mode);
            if (continuation) {
                if (mode == Mode.PYTHON && !startsWithSpace(t) && !t.isEmpty()) {
                    mode = Mode.NONE; // "ValueError: ..." closes a Python traceback
                }
                if (trace.size() < MAX_TRACE_LINES) {
                    trace.add(t);
                }
                traceLines++;
                if (mode == Mode.NONE && t.startsWith("Traceback (most recent call last)")) {
                    mode = Mode.PYTHON;
                } else if (t.startsWith("goroutine ")) {
                    mode = Mode.GO;
                } else if (mode == Mode.NONE) {
                    mode = Mode.JAVA;
                }
                continue;
            }
            if (head >= 0) {
                LogLine h = lines.get(head);
                out.add(new LogEvent(head, h == null ? null : h.time(), h == null ? "" : h.text(), trace, traceLines));
            }
            head = i;
            trace = new ArrayList<>();
            traceLines = 0;
            mode = startMode(t);
        }
        if (head >= 0) {
            LogLine h = lines.get(head);
            out.add(new LogEvent(head, h == null ? null : h.time(), h == null ? "" : h.text(), trace, traceLines));
        }
        return out;
    }

    private static Mode startMode(String t) {
        if (t.startsWith("Traceback (most recent call last)") || t.contains("Traceback (most recent call last):")) {
            return Mode.PYTHON;
        }
        if (t.startsWith("panic:") || t.contains(" panic: ") || t.startsWith("goroutine ")
                || t.startsWith("fatal error:")) {
            return Mode.GO;
        }
        return Mode.NONE;
    }

    private static boolean isContinuation(String t, Mode mode) {
        String s = t.stripLeading();
        if (startsWithSpace(t) && (s.startsWith("at ") || s.startsWith("... ") && s.endsWith(" more"))) {
            return true; // Java "\tat a.B.c(B.java:1)", "\t... 12 more", Node "    at fn (file.js:1:2)"
        }
        if (t.startsWith("Caused by: ") || s.startsWith("Suppressed: ")) {
            return true;
        }
        switch (mode) {
            case PYTHON:
                // indented frames, then the exception line (not indented) closes the traceback
                return true;
            case GO:
                if (t.isEmpty() || startsWithSpace(t) || t.startsWith("goroutine ") || t.startsWith("[signal ")
                        || t.startsWith("created by ")) {
                    return true;
                }
                // a frame line: a function call, "main.main()" or "pkg.(*T).m(0x0, 0xc000010000)"
                int paren = t.indexOf('(');
                return paren > 0 && t.endsWith(")") && t.lastIndexOf(' ', paren) < 0;
            case JAVA:
                return t.startsWith("Traceback (most recent call last)") || t.startsWith("goroutine ");
            default:
                return t.startsWith("Traceback (most recent call last)") || t.startsWith("goroutine ");
        }
    }

    private static boolean startsWithSpace(String t) {
        return !t.isEmpty() && (t.charAt(0) == ' ' || t.charAt(0) == '\t');
    }
}
