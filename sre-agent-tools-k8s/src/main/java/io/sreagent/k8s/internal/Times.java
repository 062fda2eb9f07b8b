package io.sreagent.k8s.internal;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.MicroTime;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses the timestamps the Kubernetes API writes (RFC 3339), tolerating absent or malformed values. */
public final class Times {

    private Times() {
    }

    /** The instant, or null when absent or malformed. */
    public static Instant parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** When an event last happened: lastTimestamp, else series / eventTime, else its creation. */
    public static Instant lastSeen(Event e) {
        Instant t = parse(e.getLastTimestamp());
        if (t == null && e.getSeries() != null && e.getSeries().getLastObservedTime() != null) {
            t = micro(e.getSeries().getLastObservedTime());
        }
        if (t == null) {
            t = micro(e.getEventTime());
        }
        if (t == null) {
            t = parse(e.getFirstTimestamp());
        }
        if (t == null && e.getMetadata() != null) {
            t = parse(e.getMetadata().getCreationTimestamp());
        }
        return t;
    }

    /** When an event first happened. */
    public static Instant firstSeen(Event e) {
        Instant t = parse(e.getFirstTimestamp());
        if (t == null) {
            t = micro(e.getEventTime());
        }
        if (t == null && e.getMetadata() != null) {
            t = parse(e.getMetadata().getCreationTimestamp());
        }
        return t == null ? lastSeen(e) : t;
    }

    /** How many times an event happened (count, or the series count, at least 1). */
    public static int count(Event e) {
        if (e.getCount() != null && e.getCount() > 0) {
            return e.getCount();
        }
        if (e.getSeries() != null && e.getSeries().getCount() != null && e.getSeries().getCount() > 0) {
            return e.getSeries().getCount();
        }
        return 1;
    }

    private static Instant micro(MicroTime m) {
        return m == null ? null : parse(m.getTime());
    }

    /** {@code 2m6s}, {@code 3h12m}, {@code 4d2h}. */
    public static String human(Duration d) {
        if (d == null) {
            return "?";
        }
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 > 0 ? (s % 60) + "s" : "");
        }
        if (s < 86400) {
            return (s / 3600) + "h" + ((s % 3600) / 60 > 0 ? ((s % 3600) / 60) + "m" : "");
        }
        return (s / 86400) + "d" + ((s % 86400) / 3600 > 0 ? ((s % 86400) / 3600) + "h" : "");
    }
}
