package io.sreagent.testkit.prometheus.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.sreagent.testkit.internal.LoopbackServer;
import com.sun.net.httpserver.HttpHandler;
import io.sreagent.testkit.scenario.MetricFamily;
import io.sreagent.testkit.scenario.Metrics;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Prometheus HTTP API ({@code /api/v1/query}, {@code query_range}, {@code series}, {@code labels},
 * {@code label/NAME/values}, {@code metadata}, {@code /-/ready}) over a {@link PromQlEngine}, with Prometheus's JSON
 * shapes and errors. A missing {@code time} means the scenario clock, not the wall clock.
 */
public final class PrometheusApi implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_POINTS = 11_000;

    private final PromQlEngine engine;
    private final Metrics metrics;
    private final long nowMillis;

    /**
     * @param metrics   the series and families to serve
     * @param nowMillis the scenario clock, the default evaluation time
     */
    public PrometheusApi(Metrics metrics, long nowMillis) {
        this.engine = new PromQlEngine(metrics.series());
        this.metrics = metrics;
        this.nowMillis = nowMillis;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, List<String>> params = LoopbackServer.params(exchange);
            try {
                switch (path) {
                    case "/-/ready" -> text(exchange, 200, "Prometheus Server is Ready.\n");
                    case "/-/healthy" -> text(exchange, 200, "Prometheus Server is Healthy.\n");
                    case "/api/v1/query" -> success(exchange, query(params));
                    case "/api/v1/query_range" -> success(exchange, queryRange(params));
                    case "/api/v1/series" -> success(exchange, series(params));
                    case "/api/v1/labels" -> success(exchange, labelNames(params));
                    case "/api/v1/metadata" -> success(exchange, metadata(params));
                    case "/api/v1/status/buildinfo" -> success(exchange, JSON.createObjectNode()
                            .put("version", "2.42.0-embedded").put("revision", "sre-agent-testkit"));
                    default -> {
                        if (path.startsWith("/api/v1/label/") && path.endsWith("/values")) {
                            String name = path.substring("/api/v1/label/".length(), path.length() - "/values".length());
                            success(exchange, labelValues(name, params));
                        } else {
                            text(exchange, 404, "404 page not found\n");
                        }
                    }
                }
            } catch (PromQlException e) {
                error(exchange, e);
            } catch (RuntimeException e) {
                // Anything unexpected is still an answer the client can read, never a wrong number.
                JsonResponse.write(exchange, 500, JSON.createObjectNode().put("status", "error")
                        .put("errorType", "internal").put("error", String.valueOf(e)));
            }
        }
    }

    // --- endpoints -------------------------------------------------------------------------------------------------

    private ObjectNode query(Map<String, List<String>> params) {
        Expr expr = PromQlParser.parse(required(params, "query"));
        long t = time(params, "time", nowMillis);
        PromQlEngine.Value v = engine.eval(expr, t);
        ObjectNode data = JSON.createObjectNode();
        if (v instanceof PromQlEngine.Scalar s) {
            data.put("resultType", "scalar");
            data.set("result", point(t, s.value()));
        } else if (v instanceof PromQlEngine.Vector vec) {
            data.put("resultType", "vector");
            ArrayNode result = data.putArray("result");
            for (PromQlEngine.Sample s : vec.samples()) {
                ObjectNode el = result.addObject();
                el.set("metric", labelObject(s.labels()));
                el.set("value", point(t, s.value()));
            }
        } else {
            data.put("resultType", "matrix");
            ArrayNode result = data.putArray("result");
            for (PromQlEngine.Series s : ((PromQlEngine.Matrix) v).series()) {
                ObjectNode el = result.addObject();
                el.set("metric", labelObject(s.labels()));
                ArrayNode values = el.putArray("values");
                for (int i = 0; i < s.ts().length; i++) {
                    values.add(point(s.ts()[i], s.values()[i]));
                }
            }
        }
        return data;
    }

    private ObjectNode queryRange(Map<String, List<String>> params) {
        String query = required(params, "query");
        long start = time(params, "start", null);
        long end = time(params, "end", null);
        if (end < start) {
            throw new PromQlException("invalid parameter \"end\": end timestamp must not be before start time");
        }
        long step = duration(required(params, "step"), "step");
        if (step <= 0) {
            throw new PromQlException("invalid parameter \"step\": zero or negative query resolution step widths are "
                    + "not accepted. Try a positive integer");
        }
        if ((end - start) / step > MAX_POINTS) {
            throw new PromQlException("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the "
                    + "query resolution (?step=XX)");
        }
        Expr expr = PromQlParser.parse(query);
        if (expr instanceof Expr.MatrixSelector || expr instanceof Expr.StringLiteral) {
            throw new PromQlException("invalid expression type \"" + (expr instanceof Expr.StringLiteral ? "string"
                    : "range vector") + "\" for range query, must be Scalar or instant Vector");
        }
        Map<Map<String, String>, ArrayNode> series = new LinkedHashMap<>();
        boolean scalar = false;
        for (long t = start; t <= end; t += step) {
            PromQlEngine.Value v = engine.eval(expr, t);
            if (v instanceof PromQlEngine.Scalar s) {
                scalar = true;
                series.computeIfAbsent(Map.of(), k -> JSON.createArrayNode()).add(point(t, s.value()));
            } else if (v instanceof PromQlEngine.Vector vec) {
                for (PromQlEngine.Sample s : vec.samples()) {
                    series.computeIfAbsent(s.labels(), k -> JSON.createArrayNode()).add(point(t, s.value()));
                }
            } else {
                throw new PromQlException("invalid expression type \"range vector\" for range query, must be Scalar "
                        + "or instant Vector");
            }
        }
        ObjectNode data = JSON.createObjectNode();
        data.put("resultType", "matrix");
        ArrayNode result = data.putArray("result");
        for (Map.Entry<Map<String, String>, ArrayNode> e : series.entrySet()) {
            ObjectNode el = result.addObject();
            el.set("metric", labelObject(e.getKey()));
            el.set("values", e.getValue());
        }
        return data;
    }

    private ArrayNode series(Map<String, List<String>> params) {
        List<String> matches = params.getOrDefault("match[]", List.of());
        if (matches.isEmpty()) {
            throw new PromQlException("no match[] parameter provided");
        }
        long[] bounds = timeBounds(params);
        TreeMap<String, Map<String, String>> found = new TreeMap<>();
        for (Map<String, String> labels : matching(matches, bounds)) {
            found.put(labels.toString(), labels);
        }
        ArrayNode out = JSON.createArrayNode();
        found.values().forEach(l -> out.add(labelObject(l)));
        return out;
    }

    private ArrayNode labelNames(Map<String, List<String>> params) {
        TreeSet<String> names = new TreeSet<>();
        for (Map<String, String> labels : matching(params.getOrDefault("match[]", List.of()), timeBounds(params))) {
            names.addAll(labels.keySet());
        }
        ArrayNode out = JSON.createArrayNode();
        names.forEach(out::add);
        return out;
    }

    private ArrayNode labelValues(String name, Map<String, List<String>> params) {
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new PromQlException("invalid label name: \"" + name + "\"");
        }
        TreeSet<String> values = new TreeSet<>();
        for (Map<String, String> labels : matching(params.getOrDefault("match[]", List.of()), timeBounds(params))) {
            String v = labels.get(name);
            if (v != null && !v.isEmpty()) {
                values.add(v);
            }
        }
        ArrayNode out = JSON.createArrayNode();
        values.forEach(out::add);
        return out;
    }

    private ObjectNode metadata(Map<String, List<String>> params) {
        String metric = first(params, "metric");
        ObjectNode data = JSON.createObjectNode();
        for (MetricFamily f : metrics.families()) {
            if (metric != null && !metric.isEmpty() && !metric.equals(f.name())) {
                continue;
            }
            data.putArray(f.name()).addObject().put("type", f.type()).put("help", f.help()).put("unit", f.unit());
        }
        return data;
    }

    private List<Map<String, String>> matching(List<String> matches, long[] bounds) {
        List<Map<String, String>> out = new ArrayList<>();
        if (matches.isEmpty()) {
            matches = List.of("{__name__=~\".+\"}");
        }
        for (String m : matches) {
            Expr e = PromQlParser.parse(m);
            if (!(e instanceof Expr.VectorSelector vs)) {
                throw new PromQlException("invalid parameter \"match[]\": expected a series selector, got \"" + m + "\"");
            }
            out.addAll(engine.series(vs, bounds[0], bounds[1]));
        }
        return out;
    }

    private long[] timeBounds(Map<String, List<String>> params) {
        long start = params.containsKey("start") ? time(params, "start", null) : Long.MIN_VALUE;
        long end = params.containsKey("end") ? time(params, "end", null) : Long.MAX_VALUE;
        return new long[] {start, end};
    }

    // --- parameters ------------------------------------------------------------------------------------------------

    private static String required(Map<String, List<String>> params, String name) {
        String v = first(params, name);
        if (v == null || v.isEmpty()) {
            throw new PromQlException("invalid parameter \"" + name + "\": missing");
        }
        return v;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    /** A time as Prometheus accepts it: seconds since the epoch (decimals allowed) or RFC 3339. */
    private static long time(Map<String, List<String>> params, String name, Long fallback) {
        String v = first(params, name);
        if (v == null || v.isEmpty()) {
            if (fallback == null) {
                throw new PromQlException("invalid parameter \"" + name + "\": missing");
            }
            return fallback;
        }
        try {
            return new BigDecimal(v).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            try {
                return Instant.parse(v).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new PromQlException("invalid parameter \"" + name + "\": cannot parse \"" + v
                        + "\" to a valid timestamp");
            }
        }
    }

    /** A duration as Prometheus accepts it: seconds (decimals allowed) or a PromQL duration such as {@code 30s}. */
    private static long duration(String v, String name) {
        try {
            return new BigDecimal(v).movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            try {
                Expr.MatrixSelector m = (Expr.MatrixSelector) PromQlParser.parse("x[" + v + "]");
                return m.rangeMillis();
            } catch (PromQlException | ClassCastException e2) {
                throw new PromQlException("invalid parameter \"" + name + "\": cannot parse \"" + v
                        + "\" to a valid duration");
            }
        }
    }

    // --- output ----------------------------------------------------------------------------------------------------

    private static ObjectNode labelObject(Map<String, String> labels) {
        ObjectNode o = JSON.createObjectNode();
        labels.forEach(o::put);
        return o;
    }

    private static ArrayNode point(long t, double v) {
        ArrayNode p = JSON.createArrayNode();
        p.add(BigDecimal.valueOf(t).movePointLeft(3).stripTrailingZeros());
        p.add(formatValue(v));
        return p;
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)} as Prometheus writes sample values. */
    public static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static void success(HttpExchange exchange, Object data) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "success");
        body.set("data", JSON.valueToTree(data));
        JsonResponse.write(exchange, 200, body);
    }

    private static void error(HttpExchange exchange, PromQlException e) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "error").put("errorType", e.isExecution() ? "execution" : "bad_data")
                .put("error", e.getMessage());
        JsonResponse.write(exchange, e.isExecution() ? 422 : 400, body);
    }

    private static void text(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Writes JSON bodies. */
    static final class JsonResponse {
        private JsonResponse() {
        }

        static void write(HttpExchange exchange, int code, ObjectNode body) throws IOException {
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
