package io.sreagent.core.safety;

import java.math.BigDecimal;

/** Parses Kubernetes resource quantities ({@code 128Mi}, {@code 1.5Gi}, {@code 500m}, {@code 2}). */
public final class Quantities {

    private Quantities() {
    }

    /** Bytes of a memory quantity; throws IllegalArgumentException naming the value when it is not one. */
    public static long bytes(String q) {
        return parse(q).longValue();
    }

    /** Millicores of a CPU quantity. */
    public static long millis(String q) {
        return parse(q).multiply(BigDecimal.valueOf(1000)).longValue();
    }

    /** The quantity as a plain number (cores for CPU, bytes for memory). */
    public static BigDecimal parse(String q) {
        if (q == null || q.isBlank()) {
            throw new IllegalArgumentException("empty resource quantity");
        }
        String s = q.trim();
        String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
                {"Pi", "1125899906842624"}, {"k", "1000"}, {"M", "1000000"}, {"G", "1000000000"},
                {"T", "1000000000000"}, {"m", "0.001"}};
        try {
            for (String[] sfx : suffixes) {
                if (s.endsWith(sfx[0])) {
                    return new BigDecimal(s.substring(0, s.length() - sfx[0].length())).multiply(new BigDecimal(sfx[1]));
                }
            }
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Kubernetes resource quantity: '" + q + "'");
        }
    }
}
