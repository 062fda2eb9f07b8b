package io.sreagent.prometheus.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import io.sreagent.prometheus.catalog.CatalogQuery;
import io.sreagent.prometheus.catalog.MetricCatalog;
import io.sreagent.prometheus.catalog.Workload;
import io.sreagent.prometheus.client.PrometheusClient;
import io.sreagent.prometheus.client.PrometheusException;
import io.sreagent.prometheus.client.QueryResult;
import io.sreagent.prometheus.tools.internal.Args;
import io.sreagent.prometheus.tools.internal.Summaries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code prometheus.*} tools (all READ_ONLY): PromQL instant and range queries, metric and label listing, and
 * the metric catalog.
 *
 * <p>Times default to the injected clock's now, never the wall clock, so scenario data in the past is found. A
 * malformed query gives {@link ToolError.Kind#BAD_QUERY}, a Prometheus that is down {@link ToolError.Kind#UNAVAILABLE}
 * (or TIMEOUT), and an empty result is a success with no series: no data is not an error.
 */
public final class PrometheusTools {

    /** Most points per series a range tool asks for; the step is chosen so a series stays below it. */
    public static final int MAX_POINTS = 250;

    private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    private static final int MAX_TEXT_SERIES = 20;
    private static final int MAX_METRICS = 200;

    private final PrometheusClient client;
    private final Clock clock;
    private final MetricCatalog catalog;

    /** Tools over {@code client}, reading {@code clock}, with {@code catalog} for {@code prometheus.catalog}. */
    public PrometheusTools(PrometheusClient client, Clock clock, MetricCatalog catalog) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** All tools: query, query_range, list_metrics, label_values, catalog. */
    public List<Tool> tools() {
        return List.of(
                Tools.of("prometheus.query",
                        "Evaluate a PromQL expression at one instant (default: now). Returns one value per series.",
                        Tools.schema().required("query", "PromQL expression")
                                .optional("time", "RFC 3339 time or unix seconds; default now").build(),
                        SafetyClass.READ_ONLY, this::query),
                Tools.of("prometheus.query_range",
                        "Evaluate PromQL over a time range (default: the last hour) and summarise each series: "
                                + "min, max, last, trend and change points. The step is chosen automatically.",
                        Tools.schema().required("query", "PromQL expression")
                                .optional("window", "range length ending at 'end', such as 30m, 6h; default 1h")
                                .optional("start", "RFC 3339 or unix seconds; overrides window")
                                .optional("end", "RFC 3339 or unix seconds; default now")
                                .optional("step", "resolution such as 15s; default: range/" + MAX_POINTS).build(),
                        SafetyClass.READ_ONLY, this::queryRange),
                Tools.of("prometheus.list_metrics",
                        "List metric names with samples in the window, optionally filtered by a regex.",
                        Tools.schema().optional("pattern", "regular expression over metric names, e.g. memory")
                                .optional("window", "how far back to look, default 1h").build(),
                        SafetyClass.READ_ONLY, this::listMetrics),
                Tools.of("prometheus.label_values",
                        "List the values of one label (e.g. pod), optionally among series matching a selector.",
                        Tools.schema().required("label", "label name, e.g. pod")
                                .optional("match", "series selector, e.g. {namespace=\"shop\"}")
                                .optional("window", "how far back to look, default 1h").build(),
                        SafetyClass.READ_ONLY, this::labelValues),
                Tools.of("prometheus.catalog",
                        "Run a named SRE query for a workload over a window and summarise each series. Queries: "
                                + String.join(", ", catalog.names()) + ".",
                        Tools.schema().required("name", "catalog query name")
                                .required("namespace", "namespace of the workload")
                                .required("pod", "regex over pod names, e.g. cart-.*")
                                .optional("container", "container name; default any")
                                .optional("window", "range length ending now, e.g. 1h (default), 6h").build(),
                        SafetyClass.READ_ONLY, this::catalogQuery));
    }

    // ------------------------------------------------------------------ tool bodies

    private ToolResult query(ToolInvocation inv) {
        try {
            String q = Args.required(inv, "query");
            Instant time = Args.time(inv, "time", clock.instant());
            QueryResult r = client.query(q, time);
            ObjectNode data = Summaries.instantJson(q, r);
            data.put("time", time.toString());
            return ToolResult.ok(data, Summaries.instantText(q, r, MAX_TEXT_SERIES));
        } catch (Args.BadArgument e) {
            return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "prometheus.query: " + e.getMessage());
        } catch (PrometheusException e) {
            return failure(e);
        }
    }

    private ToolResult queryRange(ToolInvocation inv) {
        try {
            String q = Args.required(inv, "query");
            Instant end = Args.time(inv, "end", clock.instant());
            Duration window = Args.duration(inv, "window", DEFAULT_WINDOW);
            Instant start = Args.time(inv, "start", end.minus(window));
            if (!start.isBefore(end)) {
                return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "prometheus.query_range: start " + start
                        + " is not before end " + end + "; send an earlier start or a window");
            }
            Duration step = Args.duration(inv, "step", autoStep(Duration.between(start, end)));
            return range(q, start, end, step, null);
        } catch (Args.BadArgument e) {
            return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "prometheus.query_range: " + e.getMessage());
        } catch (PrometheusException e) {
            return failure(e);
        }
    }

    private ToolResult range(String q, Instant start, Instant end, Duration step, CatalogQuery cq)
            throws PrometheusException {
        QueryResult r = client.queryRange(q, start, end, step);
        ObjectNode data = Summaries.rangeJson(q, r, step);
        data.put("start", start.toString());
        data.put("end", end.toString());
        if (cq != null) {
            data.put("name", cq.name());
            data.put("unit", cq.unit());
            data.put("description", cq.description());
        }
        String text = (cq == null ? "" : cq.name() + ": ") + Summaries.rangeText(q, r, cq == null ? null : cq.unit(),
                MAX_TEXT_SERIES, data);
        return ToolResult.ok(data, text);
    }

    private ToolResult listMetrics(ToolInvocation inv) {
        try {
            String pattern = inv.arg("pattern", null);
            Pattern p;
            try {
                p = pattern == null || pattern.isBlank() ? null : Pattern.compile(pattern.trim());
            } catch (PatternSyntaxException e) {
                return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "prometheus.list_metrics: pattern '"
                        + pattern + "' is not a regular expression (" + e.getDescription() + ")");
            }
            Instant end = clock.instant();
            Instant start = end.minus(Args.duration(inv, "window", DEFAULT_WINDOW));
            List<String> names = client.labelValues("__name__", null, start, end).stream()
                    .filter(n -> p == null || p.matcher(n).find()).sorted().toList();
            ObjectNode data = Json.object();
            ArrayNode arr = data.putArray("metrics");
            names.stream().limit(MAX_METRICS).forEach(arr::add);
            data.put("total", names.size());
            data.put("truncated", names.size() > MAX_METRICS);
            String text = names.isEmpty() ? "no metrics" + (p == null ? "" : " matching '" + pattern + "'")
                    + " have samples between " + start + " and " + end
                    : names.size() + " metrics: " + String.join(", ", names.stream().limit(MAX_METRICS).toList())
                    + (names.size() > MAX_METRICS ? ", ..." : "");
            return ToolResult.ok(data, text);
        } catch (Args.BadArgument e) {
            return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "prometheus.list_metrics: " + e.getMessage());
        } catch (PrometheusException e) {
            return failure(e);
        }
    }

    private ToolResult labelValues(ToolInvocation inv) {
        try {
            String label = Args.required(inv, "label");
            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "prometheus.label_values: label '"
                        + label + "' is not a label name; use letters, digits and underscores, e.g. pod");
            }
            Instant end = clock.instant();
            Instant start = end.minus(Args.duration(inv, "window", DEFAULT_WINDOW));
            List<String> values = client.labelValues(label, inv.arg("match", null), start, end);
            ObjectNode data = Json.object();
            data.put("label", label);
            ArrayNode arr = data.putArray("values");
            values.forEach(arr::add);
            String text = values.isEmpty() ? "label " + label + " has no values in the window"
                    : label + ": " + String.join(", ", values);
            return ToolResult.ok(data, text);
        } catch (Args.BadArgument e) {
            return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "prometheus.label_values: " + e.getMessage());
        } catch (PrometheusException e) {
            return failure(e);
        }
    }

    private ToolResult catalogQuery(ToolInvocation inv) {
        try {
            String name = Args.required(inv, "name");
            CatalogQuery cq = catalog.find(name).orElse(null);
            if (cq == null) {
                return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "prometheus.catalog: no query named '"
                        + name + "'; choose one of " + String.join(", ", catalog.names()));
            }
            Workload w;
            try {
                w = new Workload(Args.required(inv, "namespace"), Args.required(inv, "pod"),
                        inv.arg("container", null));
            } catch (IllegalArgumentException e) {
                return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "prometheus.catalog: " + e.getMessage());
            }
            Instant end = clock.instant();
            Duration window = Args.duration(inv, "window", DEFAULT_WINDOW);
            Instant start = end.minus(window);
            return range(cq.render(w), start, end, autoStep(window), cq);
        } catch (Args.BadArgument e) {
            return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, "prometheus.catalog: " + e.getMessage());
        } catch (PrometheusException e) {
            return failure(e);
        }
    }

    /**
     * A step giving at most {@link #MAX_POINTS} points over {@code range}, rounded up to a whole number of seconds
     * (at least one).
     */
    public static Duration autoStep(Duration range) {
        long ms = range.toMillis();
        long stepMs = (ms + MAX_POINTS - 2) / (MAX_POINTS - 1); // points = range/step + 1 <= MAX_POINTS
        long seconds = Math.max(1, (stepMs + 999) / 1000);
        return Duration.ofSeconds(seconds);
    }

    private static ToolResult failure(PrometheusException e) {
        ToolError.Kind kind = switch (e.kind()) {
            case BAD_QUERY -> ToolError.Kind.BAD_QUERY;
            case TIMEOUT -> ToolError.Kind.TIMEOUT;
            case FORBIDDEN -> ToolError.Kind.FORBIDDEN;
            case UNAVAILABLE, NOT_FOUND -> ToolError.Kind.UNAVAILABLE;
            case BAD_RESPONSE -> ToolError.Kind.INTERNAL;
        };
        return ToolResult.error(kind, e.getMessage());
    }
}
