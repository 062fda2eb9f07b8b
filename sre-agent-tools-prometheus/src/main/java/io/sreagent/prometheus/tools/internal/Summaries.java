package io.sreagent.prometheus.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.analysis.metrics.ChangePoint;
import io.sreagent.core.analysis.metrics.ChangePoints;
import io.sreagent.core.analysis.metrics.Point;
import io.sreagent.core.analysis.metrics.Trend;
import io.sreagent.core.support.Json;
import io.sreagent.prometheus.client.QueryResult;
import io.sreagent.prometheus.client.Sample;
import io.sreagent.prometheus.client.Series;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Turns query results into the JSON rules read and the compact text a model reads. */
public final class Summaries {

    private Summaries() {
    }

    /** Structured form of an instant result. */
    public static ObjectNode instantJson(String query, QueryResult r) {
        ObjectNode out = Json.object();
        out.put("query", query);
        out.put("result_type", r.type().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode arr = out.putArray("series");
        for (Series s : r.series()) {
            ObjectNode o = arr.addObject();
            o.set("labels", Json.mapper().valueToTree(s.labels()));
            Sample last = s.samples().isEmpty() ? null : s.samples().get(s.samples().size() - 1);
            putNumber(o, "value", last == null ? Double.NaN : last.value());
            o.put("time", last == null ? null : last.time().toString());
        }
        if (r.scalar() != null) {
            putNumber(out, "scalar", r.scalar().value());
        }
        if (r.string() != null) {
            out.put("string", r.string());
        }
        warnings(out, r);
        return out;
    }

    /** Compact text of an instant result: one line per series. */
    public static String instantText(String query, QueryResult r, int maxLines) {
        StringBuilder sb = new StringBuilder();
        if (r.isEmpty()) {
            sb.append("no data: ").append(query)
                    .append(" matched no series at that time (the metric or labels may not exist; try "
                            + "prometheus.list_metrics)");
        } else if (r.scalar() != null) {
            sb.append("scalar ").append(fmt(r.scalar().value()));
        } else if (r.string() != null) {
            sb.append("string ").append(r.string());
        } else {
            sb.append(r.series().size()).append(" series:");
            int i = 0;
            for (Series s : r.series()) {
                if (i++ == maxLines) {
                    sb.append("\n... ").append(r.series().size() - maxLines).append(" more");
                    break;
                }
                sb.append('\n').append(s.labelString()).append(' ').append(fmt(s.lastValue()));
            }
        }
        r.warnings().forEach(w -> sb.append("\nwarning: ").append(w));
        return sb.toString();
    }

    /** Structured form of a range result: per series the summary and the points. */
    public static ObjectNode rangeJson(String query, QueryResult r, Duration step) {
        ObjectNode out = Json.object();
        out.put("query", query);
        out.put("step", Args.format(step));
        ArrayNode arr = out.putArray("series");
        for (Series s : r.series()) {
            ObjectNode o = arr.addObject();
            o.set("labels", Json.mapper().valueToTree(s.labels()));
            o.set("summary", summary(s));
            ArrayNode pts = o.putArray("points");
            for (Sample p : s.samples()) {
                ArrayNode pair = pts.addArray();
                pair.add(p.time().getEpochSecond());
                if (Double.isFinite(p.value())) {
                    pair.add(p.value());
                } else {
                    pair.add(Double.toString(p.value()));
                }
            }
        }
        warnings(out, r);
        return out;
    }

    /** Compact text of a range result: one summary line per series, change points indented. */
    public static String rangeText(String query, QueryResult r, String unit, int maxSeries) {
        return rangeText(query, r, unit, maxSeries, Summaries::summary);
    }

    /**
     * As {@link #rangeText(String, QueryResult, String, int)}, with the summaries of {@link #rangeJson} (the
     * {@code summary} of each series, in order) instead of computing them again: trend and change points are the
     * costly part of a range answer.
     */
    public static String rangeText(String query, QueryResult r, String unit, int maxSeries, ObjectNode json) {
        Map<Series, JsonNode> known = new IdentityHashMap<>();
        int k = 0;
        for (Series s : r.series()) {
            known.put(s, json.path("series").path(k++).path("summary"));
        }
        return rangeText(query, r, unit, maxSeries, s -> known.get(s) instanceof ObjectNode o ? o : summary(s));
    }

    private static String rangeText(String query, QueryResult r, String unit, int maxSeries,
                                    Function<Series, ObjectNode> summaries) {
        StringBuilder sb = new StringBuilder();
        if (r.isEmpty()) {
            sb.append("no data: ").append(query).append(" matched no series in the window (the metric or labels "
                    + "may not exist; try prometheus.list_metrics)");
        } else {
            sb.append(r.series().size()).append(" series").append(unit == null ? "" : " (" + unit + ")").append(':');
            int i = 0;
            for (Series s : r.series()) {
                if (i++ == maxSeries) {
                    sb.append("\n... ").append(r.series().size() - maxSeries).append(" more");
                    break;
                }
                ObjectNode sum = summaries.apply(s);
                sb.append('\n').append(s.labelString())
                        .append(" min ").append(fmt(sum.path("min").asDouble(Double.NaN)))
                        .append(" max ").append(fmt(sum.path("max").asDouble(Double.NaN)))
                        .append(" last ").append(fmt(sum.path("last").asDouble(Double.NaN)));
                if (sum.has("trend")) {
                    ObjectNode tr = (ObjectNode) sum.get("trend");
                    sb.append(" trend ").append(fmt(tr.path("slope_per_second").asDouble() * 3600)).append("/h");
                }
                for (com.fasterxml.jackson.databind.JsonNode cp : sum.path("change_points")) {
                    sb.append("\n  change at ").append(cp.path("at").asText()).append(": ")
                            .append(fmt(cp.path("before").asDouble())).append(" -> ")
                            .append(fmt(cp.path("after").asDouble())).append(" (confidence ")
                            .append(String.format(java.util.Locale.ROOT, "%.2f", cp.path("confidence").asDouble()))
                            .append(')');
                }
            }
        }
        r.warnings().forEach(w -> sb.append("\nwarning: ").append(w));
        return sb.toString();
    }

    /** min, max, mean, last, trend and change points of one series. */
    public static ObjectNode summary(Series s) {
        ObjectNode o = Json.object();
        List<Point> pts = s.samples().stream().map(p -> new Point(p.time(), p.value())).toList();
        double min = Double.NaN;
        double max = Double.NaN;
        double sum = 0;
        int n = 0;
        for (Point p : pts) {
            if (!Double.isFinite(p.value())) {
                continue;
            }
            min = n == 0 ? p.value() : Math.min(min, p.value());
            max = n == 0 ? p.value() : Math.max(max, p.value());
            sum += p.value();
            n++;
        }
        o.put("points", pts.size());
        putNumber(o, "min", min);
        putNumber(o, "max", max);
        putNumber(o, "mean", n == 0 ? Double.NaN : sum / n);
        putNumber(o, "last", s.lastValue());
        if (!pts.isEmpty()) {
            o.put("first_time", pts.get(0).time().toString());
            o.put("last_time", pts.get(pts.size() - 1).time().toString());
        }
        Optional<Trend> trend = Trend.fit(pts);
        trend.ifPresent(t -> {
            ObjectNode tr = o.putObject("trend");
            putNumber(tr, "slope_per_second", t.slopePerSecond());
            putNumber(tr, "fitted_end", t.fittedEnd());
            putNumber(tr, "confidence", t.confidence());
        });
        ArrayNode cps = o.putArray("change_points");
        for (ChangePoint cp : ChangePoints.defaults().detect(pts)) {
            ObjectNode c = cps.addObject();
            c.put("at", cp.at().toString());
            putNumber(c, "before", cp.before());
            putNumber(c, "after", cp.after());
            putNumber(c, "confidence", cp.confidence());
        }
        return o;
    }

    private static void warnings(ObjectNode out, QueryResult r) {
        ArrayNode w = out.putArray("warnings");
        r.warnings().forEach(w::add);
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v > 0 ? "+Inf" : "-Inf");
        }
    }

    /** A number with at most 4 significant decimals, without exponent for ordinary magnitudes. */
    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e15 || a < 1e-4) {
            return String.format(java.util.Locale.ROOT, "%.4g", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
