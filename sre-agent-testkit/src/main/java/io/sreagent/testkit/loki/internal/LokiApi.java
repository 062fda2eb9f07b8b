package io.sreagent.testkit.loki.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.sreagent.testkit.internal.LoopbackServer;
import com.sun.net.httpserver.HttpHandler;
import io.sreagent.testkit.scenario.LogEntry;
import io.sreagent.testkit.scenario.LogStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Loki HTTP API ({@code /loki/api/v1/query_range}, {@code query}, {@code labels}, {@code label/NAME/values},
 * {@code series}, {@code /ready}) over a scenario's log streams, with Loki's JSON shapes and plain-text errors.
 * Defaults that Loki takes from the wall clock ({@code end}, {@code time}) come from the scenario clock.
 */
public final class LokiApi implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR_NANOS = 3_600_000_000_000L;
    private static final int MAX_LIMIT = 5000;

    private final List<LogStream> streams;
    private final long nowNanos;

    /** An API over {@code streams}, with {@code now} as the default end of queries. */
    public LokiApi(List<LogStream> streams, Instant now) {
        this.streams = List.copyOf(streams);
        this.nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, List<String>> params = LoopbackServer.params(exchange);
            try {
                switch (path) {
                    case "/ready" -> text(exchange, 200, "ready\n");
                    case "/loki/api/v1/query_range" -> json(exchange, queryRange(params));
                    case "/loki/api/v1/query" -> json(exchange, query(params));
                    case "/loki/api/v1/labels" -> json(exchange, success(labelNames(params)));
                    case "/loki/api/v1/series" -> json(exchange, success(series(params)));
                    default -> {
                        if (path.startsWith("/loki/api/v1/label/") && path.endsWith("/values")) {
                            String name = path.substring("/loki/api/v1/label/".length(),
                                    path.length() - "/values".length());
                            json(exchange, success(labelValues(name, params)));
                        } else {
                            text(exchange, 404, "404 page not found\n");
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                text(exchange, 400, e.getMessage() + "\n");
            }
        }
    }

    private ObjectNode queryRange(Map<String, List<String>> params) {
        LogQuery q = LogQuery.parse(required(params, "query"));
        long end = params.containsKey("end") ? time(first(params, "end"), "end") : nowNanos;
        long start;
        if (params.containsKey("start")) {
            start = time(first(params, "start"), "start");
        } else if (params.containsKey("since")) {
            start = end - durationNanos(first(params, "since"));
        } else {
            start = end - HOUR_NANOS;
        }
        if (end < start) {
            throw new IllegalArgumentException("end timestamp must not be before or equal to start time");
        }
        return streamsResult(q, start, end, limit(params), backward(params));
    }

    private ObjectNode query(Map<String, List<String>> params) {
        LogQuery.parse(required(params, "query"));
        // Loki answers log selectors only as range queries (metric queries, the only kind it evaluates at an
        // instant, are outside the supported subset).
        throw new IllegalArgumentException("log queries are not supported as an instant query type, please change "
                + "your query to a range query type");
    }

    private ObjectNode streamsResult(LogQuery q, long start, long end, int limit, boolean backward) {
        record Hit(Map<String, String> labels, LogEntry entry) {
        }
        List<Hit> hits = new ArrayList<>();
        for (LogStream s : streams) {
            if (!q.selects(s.labels())) {
                continue;
            }
            for (LogEntry e : s.entries()) {
                // Loki's range is [start, end).
                if (e.timestampNanos() >= start && e.timestampNanos() < end && q.accepts(e.line())) {
                    hits.add(new Hit(s.labels(), e));
                }
            }
        }
        Comparator<Hit> order = Comparator.comparingLong(h -> h.entry().timestampNanos());
        hits.sort(backward ? order.reversed() : order);
        if (hits.size() > limit) {
            hits = hits.subList(0, limit);
        }
        Map<Map<String, String>, ArrayNode> byStream = new LinkedHashMap<>();
        for (Hit h : hits) {
            ArrayNode v = byStream.computeIfAbsent(h.labels(), k -> JSON.createArrayNode());
            v.addArray().add(Long.toString(h.entry().timestampNanos())).add(h.entry().line());
        }
        ObjectNode data = JSON.createObjectNode();
        data.put("resultType", "streams");
        ArrayNode result = data.putArray("result");
        byStream.forEach((labels, values) -> {
            ObjectNode s = result.addObject();
            ObjectNode stream = s.putObject("stream");
            labels.forEach(stream::put);
            s.set("values", values);
        });
        ObjectNode stats = data.putObject("stats");
        stats.putObject("summary").put("totalEntriesReturned", hits.size());
        return success(data);
    }

    private ArrayNode labelNames(Map<String, List<String>> params) {
        TreeSet<String> names = new TreeSet<>();
        for (LogStream s : inRange(params, null)) {
            names.addAll(s.labels().keySet());
        }
        ArrayNode out = JSON.createArrayNode();
        names.forEach(out::add);
        return out;
    }

    private ArrayNode labelValues(String name, Map<String, List<String>> params) {
        LogQuery q = params.containsKey("query") ? LogQuery.parse(first(params, "query")) : null;
        TreeSet<String> values = new TreeSet<>();
        for (LogStream s : inRange(params, q)) {
            String v = s.labels().get(name);
            if (v != null) {
                values.add(v);
            }
        }
        ArrayNode out = JSON.createArrayNode();
        values.forEach(out::add);
        return out;
    }

    private ArrayNode series(Map<String, List<String>> params) {
        List<String> matches = params.getOrDefault("match[]", params.getOrDefault("match", List.of()));
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("0 matcher groups supplied");
        }
        ArrayNode out = JSON.createArrayNode();
        List<Map<String, String>> seen = new ArrayList<>();
        for (String m : matches) {
            LogQuery q = LogQuery.parse(m);
            if (!q.filters().isEmpty()) {
                throw new IllegalArgumentException("only stream selectors are allowed in match[], not " + m);
            }
            for (LogStream s : inRange(params, q)) {
                if (!seen.contains(s.labels())) {
                    seen.add(s.labels());
                    ObjectNode o = out.addObject();
                    s.labels().forEach(o::put);
                }
            }
        }
        return out;
    }

    /** Streams with an entry in the request's [start, end) (default: the hour before the scenario clock). */
    private List<LogStream> inRange(Map<String, List<String>> params, LogQuery q) {
        long end = params.containsKey("end") ? time(first(params, "end"), "end") : nowNanos;
        long start = params.containsKey("start") ? time(first(params, "start"), "start")
                : params.containsKey("since") ? end - durationNanos(first(params, "since")) : end - 6 * HOUR_NANOS;
        List<LogStream> out = new ArrayList<>();
        for (LogStream s : streams) {
            if (q != null && !q.selects(s.labels())) {
                continue;
            }
            if (s.entries().stream().anyMatch(e -> e.timestampNanos() >= start && e.timestampNanos() < end)) {
                out.add(s);
            }
        }
        return out;
    }

    private static int limit(Map<String, List<String>> params) {
        String v = first(params, "limit");
        if (v == null || v.isEmpty()) {
            return 100;
        }
        int limit;
        try {
            limit = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid limit \"" + v + "\": must be a positive integer");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be a positive value");
        }
        if (limit > MAX_LIMIT) {
            throw new IllegalArgumentException("max entries limit per query exceeded, limit > max_entries_limit ("
                    + limit + " > " + MAX_LIMIT + ")");
        }
        return limit;
    }

    private static boolean backward(Map<String, List<String>> params) {
        String d = first(params, "direction");
        if (d == null || d.isEmpty() || d.equalsIgnoreCase("backward")) {
            return true;
        }
        if (d.equalsIgnoreCase("forward")) {
            return false;
        }
        throw new IllegalArgumentException("invalid direction \"" + d + "\": expected forward or backward");
    }

    /** Loki's time formats: integer nanoseconds, decimal seconds, or RFC 3339. */
    static long time(String v, String name) {
        try {
            if (v.matches("-?\\d+")) {
                return Long.parseLong(v);
            }
            if (v.matches("-?\\d+\\.\\d*")) {
                return new BigDecimal(v).movePointRight(9).longValue();
            }
            Instant t = Instant.parse(v);
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("invalid " + name + " \"" + v
                    + "\": expected nanoseconds since the epoch, seconds with decimals, or RFC3339");
        }
    }

    private static long durationNanos(String v) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v);
        long total = 0;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total += n * switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> HOUR_NANOS;
                default -> 24 * HOUR_NANOS;
            };
            at = m.end();
        }
        if (at == 0 || at != v.length()) {
            throw new IllegalArgumentException("invalid duration \"" + v + "\": expected for example 1h or 30m");
        }
        return total;
    }

    private static String required(Map<String, List<String>> params, String name) {
        String v = first(params, name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("parse error : syntax error: unexpected $end, expecting { or (");
        }
        return v;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    private static ObjectNode success(Object data) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "success");
        body.set("data", JSON.valueToTree(data));
        return body;
    }

    private static void json(HttpExchange exchange, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void text(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
