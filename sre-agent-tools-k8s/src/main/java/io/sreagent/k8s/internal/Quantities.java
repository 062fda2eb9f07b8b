package io.sreagent.k8s.internal;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.Map;

/** Reads Kubernetes resource quantities ({@code 128Mi}, {@code 500m}) as numbers, tolerating malformed values. */
public final class Quantities {

    private Quantities() {
    }

    /** The quantity in base units (bytes, cores), or null when absent or unparseable. */
    public static BigDecimal amount(Quantity q) {
        if (q == null) {
            return null;
        }
        try {
            return q.getNumericalAmount();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code map.get(key)} in base units, or null. */
    public static BigDecimal amount(Map<String, Quantity> map, String key) {
        return map == null ? null : amount(map.get(key));
    }

    /** The quantity as written ({@code 128Mi}), or null. */
    public static String text(Quantity q) {
        return q == null ? null : q.toString();
    }

    /** A human rendering of a byte count (MiB/GiB). */
    public static String bytes(BigDecimal b) {
        if (b == null) {
            return "?";
        }
        double v = b.doubleValue();
        if (v >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1fGi", v / (1L << 30));
        }
        return String.format(java.util.Locale.ROOT, "%.0fMi", v / (1L << 20));
    }
}
