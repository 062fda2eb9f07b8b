package io.sreagent.workflow.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One metric series as the metric agents read it from a tool result: labels and (epoch second, value) points.
 *
 * @param labels the series' labels
 * @param t      sample times, epoch seconds, ascending
 * @param v      sample values
 */
record Series(Map<String, String> labels, double[] t, double[] v) {

    /** Series of a {@code prometheus.catalog} / query result: {series:[{labels|metric, points|values:[[t,v]]}]}. */
    static List<Series> from(JsonNode data) {
        List<Series> out = new ArrayList<>();
        JsonNode arr = data.has("series") ? data.get("series") : data.path("result");
        for (JsonNode s : arr) {
            Map<String, String> labels = new LinkedHashMap<>();
            JsonNode l = s.has("labels") ? s.get("labels") : s.path("metric");
            l.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            JsonNode pts = s.has("points") ? s.get("points") : s.has("values") ? s.get("values") : null;
            List<double[]> p = new ArrayList<>();
            if (pts != null) {
                for (JsonNode pt : pts) {
                    double time = pt.isArray() ? num(pt.get(0)) : num(pt.path("t").isMissingNode() ? pt.path("time") : pt.path("t"));
                    double val = pt.isArray() ? num(pt.get(1)) : num(pt.path("v").isMissingNode() ? pt.path("value") : pt.path("v"));
                    if (!Double.isNaN(time) && !Double.isNaN(val)) {
                        p.add(new double[] {time, val});
                    }
                }
            } else if (s.has("value")) {
                JsonNode pt = s.get("value");
                p.add(new double[] {num(pt.get(0)), num(pt.get(1))});
            }
            double[] t = new double[p.size()];
            double[] v = new double[p.size()];
            for (int i = 0; i < p.size(); i++) {
                t[i] = p.get(i)[0];
                v[i] = p.get(i)[1];
            }
            out.add(new Series(labels, t, v));
        }
        return out;
    }

    /**
     * The request latency among the catalog results {@code m}: the 99th percentile from the duration histogram, or,
     * where the library exports no buckets (Micrometer's default), the mean duration.
     *
     * @return the name of the quantity ({@code latency_p99} or {@code latency_mean}) and its series; empty series
     *         when neither has data
     */
    static Map.Entry<String, List<Series>> latency(JsonNode m) {
        for (String q : List.of("latency_p99", "latency_mean")) {
            List<Series> s = from(m.path(q));
            if (s.stream().anyMatch(x -> !x.isEmpty())) {
                return Map.entry(q, s);
            }
        }
        return Map.entry("latency_p99", List.of());
    }

    private static double num(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        String s = n.asText();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            try {
                return Instant.parse(s).getEpochSecond();
            } catch (RuntimeException e2) {
                return Double.NaN;
            }
        }
    }

    boolean isEmpty() {
        return v.length == 0;
    }

    double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    double last() {
        return v[v.length - 1];
    }

    /** Mean of the samples at or after {@code fromEpoch}. */
    double meanSince(double fromEpoch) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] >= fromEpoch && Double.isFinite(v[i])) {
                s += v[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Mean of the samples before {@code toEpoch}. */
    double meanBefore(double toEpoch) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] < toEpoch && Double.isFinite(v[i])) {
                s += v[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    String label(String k) {
        return labels.getOrDefault(k, "");
    }
}
