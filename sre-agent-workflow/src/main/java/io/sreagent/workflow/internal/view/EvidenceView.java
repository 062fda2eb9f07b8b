package io.sreagent.workflow.internal.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.analysis.metrics.ChangePoint;
import io.sreagent.core.analysis.metrics.ChangePoints;
import io.sreagent.core.analysis.metrics.Point;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowState;
import io.sreagent.workflow.internal.agents.Facts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The evidence of a stored incident, ready to draw: the metric series the metric team read (each downsampled to at
 * most {@value #MAX_POINTS} points, with its change point and, where one applies, its limit), the rollout and trigger
 * times, and the log templates with counts, first and last time seen and whether they are new since the incident.
 */
public final class EvidenceView {

    /** Points per series at most. */
    public static final int MAX_POINTS = 120;
    /** Series per metric at most (the pods with the highest values first). */
    static final int MAX_SERIES_PER_METRIC = 3;
    /** Templates at most. */
    static final int MAX_TEMPLATES = 30;

    private EvidenceView() {
    }

    /** The view of {@code state}. */
    public static ObjectNode of(WorkflowState state) {
        ObjectNode o = Json.object();
        trigger(state).ifPresent(t -> o.put("trigger_at", t.toString()));
        rollout(state).ifPresent(t -> o.put("rollout_at", t.toString()));
        double memoryLimit = state.findings().stream().mapToDouble(f -> f.detail() == null ? 0
                : f.detail().path("memory_limit_bytes").asDouble(0)).max().orElse(0);
        ArrayNode charts = o.putArray("series");
        JsonNode metrics = state.facts().getOrDefault(Facts.METRICS, Json.object());
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode arr = e.getValue().has("series") ? e.getValue().get("series") : e.getValue().path("result");
            List<JsonNode> series = new ArrayList<>();
            arr.forEach(series::add);
            series.sort((a, b) -> Double.compare(max(b), max(a)));
            if (series.size() > 1) {
                // The workload as a whole: its worst pod at each moment, across restarts and revisions, which is
                // where a rollout's change shows (each pod's own series starts with the pod).
                chart(e.getKey(), worst(series), memoryLimit).ifPresent(charts::add);
            }
            for (JsonNode s : series.subList(0, Math.min(MAX_SERIES_PER_METRIC, series.size()))) {
                chart(e.getKey(), s, memoryLimit).ifPresent(charts::add);
            }
        }
        ArrayNode logs = o.putArray("log_templates");
        JsonNode summary = state.facts().get(Facts.LOG_SUMMARY);
        if (summary != null) {
            int n = 0;
            for (JsonNode t : summary.path("templates")) {
                if (n++ >= MAX_TEMPLATES) {
                    break;
                }
                JsonNode tpl = t.path("template");
                ObjectNode row = logs.addObject().put("template", tpl.path("template").asText())
                        .put("example", clip(tpl.path("examples").path(0).asText(""), 300))
                        .put("count", tpl.path("count").asLong()).put("before", t.path("before").asLong())
                        .put("after", t.path("after").asLong()).put("new", t.path("novelty").asDouble() >= 0.9);
                if (tpl.hasNonNull("first_seen")) {
                    row.put("first_seen", tpl.get("first_seen").asText());
                }
                if (tpl.hasNonNull("last_seen")) {
                    row.put("last_seen", tpl.get("last_seen").asText());
                }
            }
        }
        return o;
    }

    private static java.util.Optional<ObjectNode> chart(String metric, JsonNode s, double memoryLimit) {
        JsonNode pts = s.has("points") ? s.get("points") : s.path("values");
        List<Point> points = new ArrayList<>();
        for (JsonNode p : pts) {
            double t = p.isArray() ? p.path(0).asDouble(Double.NaN) : p.path("t").asDouble(Double.NaN);
            double v = p.isArray() ? p.path(1).asDouble(Double.NaN) : p.path("v").asDouble(Double.NaN);
            if (!Double.isNaN(t) && !Double.isNaN(v) && Double.isFinite(v)) {
                points.add(new Point(Instant.ofEpochMilli((long) (t * 1000)), v));
            }
        }
        if (points.size() < 2) {
            return java.util.Optional.empty();
        }
        ObjectNode c = Json.object().put("metric", metric);
        c.set("labels", s.has("labels") ? s.get("labels") : s.path("metric"));
        ArrayNode out = c.putArray("points");
        int step = Math.max(1, (points.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < points.size(); i += step) {
            Point p = points.get(i);
            out.addArray().add(p.time().getEpochSecond()).add(p.value());
        }
        // A change worth drawing moves the level by a tenth at least: a flat series' noise is no change point.
        List<ChangePoint> changes = ChangePoints.defaults().detect(points).stream()
                .filter(ch -> Math.abs(ch.after() - ch.before()) >= 0.1 * Math.max(Math.abs(ch.before()), Math.abs(ch.after())))
                .toList();
        changes.stream().max(java.util.Comparator.comparingDouble(ChangePoint::score))
                .ifPresent(ch -> c.put("change_at", ch.at().getEpochSecond()).put("change_before", ch.before())
                        .put("change_after", ch.after()));
        if (metric.endsWith("memory_working_set_ratio")) {
            c.put("limit", 1.0).put("limit_label", "memory limit").put("unit", "ratio of the limit");
        } else if (metric.equals("memory_working_set") && memoryLimit > 0) {
            c.put("limit", memoryLimit).put("limit_label", "memory limit").put("unit", "bytes");
        } else if (metric.endsWith("_ratio")) {
            c.put("unit", "ratio");
        }
        return java.util.Optional.of(c);
    }

    /** The highest value of any of {@code series} at each sample time. */
    private static JsonNode worst(List<JsonNode> series) {
        java.util.TreeMap<Double, Double> byTime = new java.util.TreeMap<>();
        for (JsonNode s : series) {
            for (JsonNode p : s.has("points") ? s.get("points") : s.path("values")) {
                double t = p.isArray() ? p.path(0).asDouble(Double.NaN) : p.path("t").asDouble(Double.NaN);
                double v = p.isArray() ? p.path(1).asDouble(Double.NaN) : p.path("v").asDouble(Double.NaN);
                if (!Double.isNaN(t) && Double.isFinite(v)) {
                    byTime.merge(t, v, Math::max);
                }
            }
        }
        ObjectNode agg = Json.object();
        agg.putObject("labels").put("pods", "worst of " + series.size() + " pods");
        ArrayNode pts = agg.putArray("points");
        byTime.forEach((t, v) -> pts.addArray().add(t).add(v));
        return agg;
    }

    private static double max(JsonNode s) {
        double m = Double.NEGATIVE_INFINITY;
        for (JsonNode p : s.has("points") ? s.get("points") : s.path("values")) {
            m = Math.max(m, p.isArray() ? p.path(1).asDouble(Double.NEGATIVE_INFINITY) : p.path("v").asDouble(Double.NEGATIVE_INFINITY));
        }
        return m;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    /** When the run began: its first message, the trigger. */
    private static java.util.Optional<Instant> trigger(WorkflowState state) {
        return state.transcript().stream().map(Message::at).findFirst();
    }

    /** When the current revision rolled out, if a finding dates it. */
    private static java.util.Optional<Instant> rollout(WorkflowState state) {
        JsonNode r = state.facts().get(Facts.ROLLOUT);
        if (r != null && r.hasNonNull("at")) {
            try {
                return java.util.Optional.of(Instant.parse(r.get("at").asText()));
            } catch (java.time.format.DateTimeParseException ignored) {
                // fall back to a finding's date
            }
        }
        for (Finding f : state.findings()) {
            if (f.detail() != null && f.detail().path("failures_began_with_rollout").asBoolean(false) && f.since() != null) {
                return java.util.Optional.of(f.since());
            }
        }
        return java.util.Optional.empty();
    }
}
