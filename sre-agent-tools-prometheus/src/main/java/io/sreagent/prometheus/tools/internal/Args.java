package io.sreagent.prometheus.tools.internal;

import io.sreagent.core.tool.ToolInvocation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of tool arguments (times and Prometheus-style durations) into values or messages that say what to send. */
public final class Args {

    private static final Pattern PROM_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private Args() {
    }

    /** Thrown for an argument that cannot be used; the message names the argument, the value and the fix. */
    public static final class BadArgument extends Exception {
        /** A bad argument with {@code message}. */
        public BadArgument(String message) {
            super(message);
        }
    }

    /** A required, non-blank string argument. */
    public static String required(ToolInvocation inv, String name) throws BadArgument {
        String v = inv.arg(name, null);
        if (v == null || v.isBlank()) {
            throw new BadArgument("argument '" + name + "' is required");
        }
        return v.trim();
    }

    /** A time: RFC 3339 ({@code 2026-11-20T10:30:00Z}) or unix seconds; {@code fallback} when absent. */
    public static Instant time(ToolInvocation inv, String name, Instant fallback) throws BadArgument {
        String v = inv.arg(name, null);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        String s = v.trim();
        try {
            if (s.matches("-?\\d+(\\.\\d+)?")) {
                return Instant.ofEpochMilli(new BigDecimal(s).movePointRight(3).longValue());
            }
            return Instant.parse(s);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new BadArgument("argument '" + name + "' = '" + v
                    + "' is not a time; send RFC 3339 like 2026-11-20T10:30:00Z or unix seconds");
        }
    }

    /** A duration: Prometheus style ({@code 90s}, {@code 30m}, {@code 1h30m}, {@code 2d}) or ISO-8601. */
    public static Duration duration(ToolInvocation inv, String name, Duration fallback) throws BadArgument {
        String v = inv.arg(name, null);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        Duration d = parseDuration(v.trim());
        if (d == null || d.isZero() || d.isNegative()) {
            throw new BadArgument("argument '" + name + "' = '" + v
                    + "' is not a positive duration; send e.g. 30m, 1h, 6h, 2d");
        }
        return d;
    }

    /** Parses {@code 1h30m} or {@code PT1H30M}; null when malformed. */
    public static Duration parseDuration(String s) {
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = PROM_DURATION.matcher(s);
        int pos = 0;
        Duration total = Duration.ZERO;
        while (m.find()) {
            if (m.start() != pos) {
                return null;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
            pos = m.end();
        }
        return pos == s.length() && pos > 0 ? total : null;
    }

    /** A duration in Prometheus notation, such as {@code 1h30m} or {@code 15s}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return d.toMillis() + "ms";
        }
        StringBuilder sb = new StringBuilder();
        long days = s / 86400;
        long h = s % 86400 / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        if (days > 0) {
            sb.append(days).append('d');
        }
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (sec > 0) {
            sb.append(sec).append('s');
        }
        return sb.toString();
    }
}
