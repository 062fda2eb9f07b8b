package io.sreagent.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.analysis.logs.LogAnalyzer;
import io.sreagent.core.analysis.logs.LogLine;
import io.sreagent.core.analysis.logs.LogSummary;
import io.sreagent.core.redaction.Redactor;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code loki.*} tools: {@code loki.query_range} (raw lines of a workload) and {@code loki.log_patterns} (the same
 * lines summarised into templates, error signatures and dependencies — what agents should call first).
 *
 * <p>Both are READ_ONLY. Windows default to the last hour ending at the clock's {@code now}; lines of previous
 * containers (label {@code previous="true"}) are left out unless {@code include_previous} is true. Every line and
 * example returned is redacted.
 */
public final class LokiTools {

    /** Window length when neither {@code start} nor {@code since} is given. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    private static final int MAX_TEXT_LINES = 200;

    private final LokiClient client;
    private final Clock clock;
    private final Redactor redactor = new Redactor();

    /** Tools that query {@code client} and read time from {@code clock}. */
    public LokiTools(LokiClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Both tools. */
    public List<Tool> all() {
        return List.of(queryRange(), logPatterns());
    }

    private static Tools.SchemaBuilder selection() {
        return Tools.schema()
                .required("namespace", "Kubernetes namespace of the workload")
                .optional("pod", "pod name (exact)")
                .optional("container", "container name (exact)")
                .optional("app", "value of the app label")
                .optional("start", "window start, RFC 3339 (default: end minus since)")
                .optional("end", "window end, RFC 3339 (default: now)")
                .optional("since", "window length before end, such as 15m or 2h (default 1h)")
                .optional("filter", "keep only lines containing this text")
                .optional("exclude", "drop lines containing this text")
                .optional("regex", "keep only lines matching this RE2 expression")
                .property("limit", "integer", "maximum lines to read", false)
                .property("include_previous", "boolean", "also read logs of previous (crashed) containers", false);
    }

    /** {@code loki.query_range}: log lines of a namespace, pod, container or app over a window. */
    public Tool queryRange() {
        return Tools.of("loki.query_range",
                "Reads raw log lines from Loki for a namespace and optionally a pod, container or app, over a time "
                        + "window, with an optional line filter. Prefer loki.log_patterns for a summary.",
                selection().optional("direction", "backward (newest first, default) or forward").build(),
                SafetyClass.READ_ONLY, this::runQueryRange);
    }

    /** {@code loki.log_patterns}: the same selection summarised by the template miner. */
    public Tool logPatterns() {
        return Tools.of("loki.log_patterns",
                "Summarises the logs of a namespace/pod/container/app over a window: message templates with counts "
                        + "and novelty, error signatures (OOM, connection refused, DNS, x509, disk full, timeouts, "
                        + "stack traces, panics) with the dependency they point at. Use this first.",
                selection().optional("incident_start", "RFC 3339 time the incident began, for novelty")
                        .property("max_templates", "integer", "templates to return (default 20)", false).build(),
                SafetyClass.READ_ONLY, this::runLogPatterns);
    }

    /** The resolved selection of one call. */
    private record Selection(String query, Instant start, Instant end, int limit) {
    }

    private Selection select(ToolInvocation inv) {
        String ns = inv.arg("namespace", null);
        if (ns == null || ns.isBlank()) {
            throw new IllegalArgumentException("namespace is required, such as {\"namespace\": \"shop\"}");
        }
        LogQl q = LogQl.selector().eq("namespace", ns);
        String pod = inv.arg("pod", null);
        if (pod != null && !pod.isBlank()) {
            q = q.eq("pod", pod);
        }
        String container = inv.arg("container", null);
        if (container != null && !container.isBlank()) {
            q = q.eq("container", container);
        }
        String app = inv.arg("app", null);
        if (app != null && !app.isBlank()) {
            q = q.eq("app", app);
        }
        JsonNode prev = inv.arguments().get("include_previous");
        if (prev == null || !prev.asBoolean(false)) {
            q = q.neq("previous", "true");
        } else {
            // matches streams with and without the label; says explicitly that previous containers are wanted
            q = q.regex("previous", ".*");
        }
        String filter = inv.arg("filter", null);
        if (filter != null && !filter.isEmpty()) {
            q = q.contains(filter);
        }
        String exclude = inv.arg("exclude", null);
        if (exclude != null && !exclude.isEmpty()) {
            q = q.notContains(exclude);
        }
        String regex = inv.arg("regex", null);
        if (regex != null && !regex.isEmpty()) {
            q = q.matches(regex);
        }
        Instant end = time(inv, "end");
        if (end == null) {
            end = clock.instant();
        }
        Instant start = time(inv, "start");
        if (start == null) {
            String since = inv.arg("since", null);
            Duration d = since == null ? DEFAULT_WINDOW : LokiConfig.parseDuration(since);
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("since must be a positive duration such as 15m or 2h, was '"
                        + since + "'");
            }
            start = end.minus(d);
        }
        if (start.isAfter(end)) {
            throw new IllegalArgumentException("start " + start + " is after end " + end);
        }
        int limit = client.config().defaultLimit();
        JsonNode l = inv.arguments().get("limit");
        if (l != null && !l.isNull()) {
            if (!l.canConvertToInt() || l.asInt() <= 0) {
                throw new IllegalArgumentException("limit must be a positive integer, was " + l);
            }
            limit = l.asInt();
        }
        return new Selection(q.build(), start, end, limit);
    }

    private static Instant time(ToolInvocation inv, String name) {
        String v = inv.arg(name, null);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an RFC 3339 time such as 2026-01-02T15:04:05Z, was '"
                    + v + "'");
        }
    }

    private ToolResult runQueryRange(ToolInvocation inv) {
        Selection sel;
        LokiClient.Direction dir;
        try {
            sel = select(inv);
            String d = inv.arg("direction", "backward");
            dir = "forward".equalsIgnoreCase(d) ? LokiClient.Direction.FORWARD
                    : "backward".equalsIgnoreCase(d) ? LokiClient.Direction.BACKWARD : null;
            if (dir == null) {
                throw new IllegalArgumentException("direction must be backward or forward, was '" + d + "'");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, e.getMessage());
        }
        QueryResult r;
        try {
            r = client.queryRange(sel.query(), sel.start(), sel.end(), sel.limit(), dir);
        } catch (LokiException e) {
            return ToolResult.error(e.kind(), e.getMessage());
        }
        ObjectNode data = header(sel);
        data.put("count", r.entries().size());
        data.put("truncated", r.entries().size() >= sel.limit());
        ArrayNode arr = data.putArray("lines");
        StringBuilder text = new StringBuilder();
        text.append(r.entries().size()).append(" lines from ").append(sel.query()).append('\n');
        int shown = 0;
        for (LogEntry e : r.entries()) {
            String line = redactor.redact(e.line());
            ObjectNode o = arr.addObject();
            o.put("time", e.time().toString());
            putIf(o, "pod", e.labels().get("pod"));
            putIf(o, "container", e.labels().get("container"));
            o.put("line", line);
            if (shown++ < MAX_TEXT_LINES) {
                text.append(e.time()).append(' ');
                if (e.labels().containsKey("pod")) {
                    text.append(e.labels().get("pod")).append(": ");
                }
                text.append(line).append('\n');
            }
        }
        if (shown > MAX_TEXT_LINES) {
            text.append("... ").append(shown - MAX_TEXT_LINES).append(" more lines in data\n");
        }
        return ToolResult.ok(data, text.toString());
    }

    private ToolResult runLogPatterns(ToolInvocation inv) {
        Selection sel;
        Instant incident;
        int max = 20;
        try {
            sel = select(inv);
            incident = time(inv, "incident_start");
            JsonNode m = inv.arguments().get("max_templates");
            if (m != null && !m.isNull()) {
                if (!m.canConvertToInt() || m.asInt() <= 0) {
                    throw new IllegalArgumentException("max_templates must be a positive integer, was " + m);
                }
                max = m.asInt();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, e.getMessage());
        }
        QueryResult r;
        try {
            r = client.queryRange(sel.query(), sel.start(), sel.end(), sel.limit(), LokiClient.Direction.BACKWARD);
        } catch (LokiException e) {
            return ToolResult.error(e.kind(), e.getMessage());
        }
        // the newest lines up to the limit, analysed in the order they were written
        List<LogLine> lines = new ArrayList<>(r.entries().size());
        for (int i = r.entries().size() - 1; i >= 0; i--) {
            LogEntry e = r.entries().get(i);
            lines.add(LogLine.at(e.time(), e.line()));
        }
        LogSummary s = new LogAnalyzer(redactor).summarize(lines, incident);
        LogSummary trimmed = new LogSummary(s.lines(), s.events(), s.incidentStart(),
                s.templates().subList(0, Math.min(max, s.templates().size())), s.signatures(), s.dependencies());
        ObjectNode data = header(sel);
        data.put("truncated", r.entries().size() >= sel.limit());
        data.put("template_count", s.templates().size());
        data.set("summary", Json.mapper().valueToTree(trimmed));
        return ToolResult.ok(data, "logs of " + sel.query() + " from " + sel.start() + " to " + sel.end() + "\n"
                + trimmed.toText(max));
    }

    private static ObjectNode header(Selection sel) {
        ObjectNode data = Json.object();
        data.put("query", sel.query());
        data.put("start", sel.start().toString());
        data.put("end", sel.end().toString());
        data.put("limit", sel.limit());
        return data;
    }

    private static void putIf(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
