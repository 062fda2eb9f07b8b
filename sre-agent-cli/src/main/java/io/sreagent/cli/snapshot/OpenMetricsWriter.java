package io.sreagent.cli.snapshot;

import io.sreagent.prometheus.client.Sample;
import io.sreagent.prometheus.client.Series;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes raw samples as OpenMetrics text with a timestamp on every sample, in the form
 * {@code promtool tsdb create-blocks-from openmetrics} and the scenario loader read: families declared once with
 * {@code # TYPE}, their samples together, {@code # EOF} last.
 *
 * <p>Prometheus does not keep a sample's family, so it is inferred from the names as client libraries form them:
 * {@code X_total} is a counter {@code X}; {@code X_bucket} (with {@code X_sum} and {@code X_count}) a histogram
 * {@code X}; {@code X} with a {@code quantile} label (with {@code X_sum}, {@code X_count}) a summary; anything else a
 * gauge.
 */
final class OpenMetricsWriter {

    private OpenMetricsWriter() {
    }

    /**
     * @param byName the series of each metric name (labels without {@code __name__}), samples oldest first
     * @return the exposition, or an empty string when there is no sample at all
     */
    static String write(Map<String, List<Series>> byName) {
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (String name : new TreeMap<>(byName).keySet()) {
            if (byName.get(name).stream().allMatch(s -> s.samples().isEmpty())) {
                continue;
            }
            String family = name;
            String type = "gauge";
            if (name.endsWith("_bucket")) {
                family = strip(name, "_bucket");
                type = "histogram";
            } else if ((name.endsWith("_sum") || name.endsWith("_count"))
                    && (byName.containsKey(strip(name, "_sum", "_count") + "_bucket")
                    || quantiles(byName.get(strip(name, "_sum", "_count"))))) {
                family = strip(name, "_sum", "_count");
                type = byName.containsKey(family + "_bucket") ? "histogram" : "summary";
            } else if (quantiles(byName.get(name))) {
                type = "summary";
            } else if (name.endsWith("_total")) {
                family = strip(name, "_total");
                type = "counter";
            }
            if (types.containsKey(family) && !types.get(family).equals(type)) {
                // Two readings of one family name (a gauge X beside a counter X_total): keep the names apart.
                family = name;
                type = "gauge";
            }
            types.putIfAbsent(family, type);
            members.computeIfAbsent(family, f -> new ArrayList<>()).add(name);
        }
        if (types.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> f : types.entrySet()) {
            out.append("# TYPE ").append(f.getKey()).append(' ').append(f.getValue()).append('\n');
            for (String name : members.get(f.getKey())) {
                for (Series s : byName.get(name)) {
                    String labels = labels(s.labels());
                    for (Sample p : s.samples()) {
                        out.append(name).append(labels).append(' ').append(number(p.value())).append(' ')
                                .append(seconds(p.time().toEpochMilli())).append('\n');
                    }
                }
            }
        }
        return out.append("# EOF\n").toString();
    }

    private static boolean quantiles(List<Series> series) {
        return series != null && series.stream().anyMatch(s -> s.labels().containsKey("quantile"));
    }

    private static String strip(String name, String... suffixes) {
        for (String s : suffixes) {
            if (name.endsWith(s)) {
                return name.substring(0, name.length() - s.length());
            }
        }
        return name;
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(l.getKey()).append("=\"").append(l.getValue().replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append('"');
        }
        return sb.append('}').toString();
    }

    /** The value exactly (the recording must reload as it was), unlike the rounded form shown to a reader. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
