package io.sreagent.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.ToolError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A small client of Loki's HTTP API ({@code /loki/api/v1/query_range}, {@code query}, {@code labels},
 * {@code label/{name}/values}, {@code series}) over OkHttp.
 *
 * <p>Times go to Loki as nanoseconds since the epoch. Every failure is a {@link LokiException} whose kind tells a
 * bad query (400) from refused credentials (401/403), a down or overloaded server (5xx, 429, connection refused)
 * and a timeout; Loki's error text (plain or JSON) is quoted in the message. Thread-safe; share one per Loki.
 */
public final class LokiClient {

    /** Order of returned lines. */
    public enum Direction {
        /** Newest first (Loki's default). */
        BACKWARD,
        /** Oldest first. */
        FORWARD;

        String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final int MAX_ERROR_CHARS = 500;
    /** The largest answer read: 32 MiB. */
    public static final long MAX_RESPONSE_BYTES = io.sreagent.core.input.InputFiles.DEFAULT_MAX_BYTES;

    private final LokiConfig config;
    private final OkHttpClient http;
    private final HttpUrl base;
    private final ObjectMapper mapper = Json.mapper();

    /** A client with its own OkHttp client, built from {@code config} (validated first). */
    public LokiClient(LokiConfig config) {
        this(config, new OkHttpClient());
    }

    /**
     * A client that derives its HTTP client from {@code shared} (sharing its connection pool) with the timeouts of
     * {@code config}.
     *
     * @throws IllegalStateException when the configuration is invalid
     */
    public LokiClient(LokiConfig config, OkHttpClient shared) {
        this.config = Objects.requireNonNull(config, "config");
        config.validate();
        this.base = HttpUrl.get(config.url());
        this.http = Objects.requireNonNull(shared, "shared").newBuilder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .callTimeout(config.connectTimeout().plus(config.readTimeout()))
                .build();
    }

    /** The configuration this client uses. */
    public LokiConfig config() {
        return config;
    }

    /** {@code GET /loki/api/v1/query_range}: lines (or series) of {@code logql} in [start, end]. */
    public QueryResult queryRange(String logql, Instant start, Instant end, int limit, Direction direction) {
        Objects.requireNonNull(logql, "logql");
        if (start != null && end != null && start.isAfter(end)) {
            throw new IllegalArgumentException("start " + start + " is after end " + end + ": swap them");
        }
        HttpUrl.Builder u = url("query_range").addQueryParameter("query", logql)
                .addQueryParameter("limit", Integer.toString(limit > 0 ? limit : config.defaultLimit()))
                .addQueryParameter("direction", (direction == null ? Direction.BACKWARD : direction).param());
        if (start != null) {
            u.addQueryParameter("start", Long.toString(nanos(start)));
        }
        if (end != null) {
            u.addQueryParameter("end", Long.toString(nanos(end)));
        }
        return parseQuery(get(u.build()), direction);
    }

    /** {@code GET /loki/api/v1/query}: an instant query at {@code time} (null = Loki's now). */
    public QueryResult query(String logql, Instant time, int limit, Direction direction) {
        Objects.requireNonNull(logql, "logql");
        HttpUrl.Builder u = url("query").addQueryParameter("query", logql)
                .addQueryParameter("limit", Integer.toString(limit > 0 ? limit : config.defaultLimit()))
                .addQueryParameter("direction", (direction == null ? Direction.BACKWARD : direction).param());
        if (time != null) {
            u.addQueryParameter("time", Long.toString(nanos(time)));
        }
        return parseQuery(get(u.build()), direction);
    }

    /** {@code GET /loki/api/v1/labels}: label names seen in [start, end] (either may be null). */
    public List<String> labels(Instant start, Instant end) {
        return stringList(get(window(url("labels"), start, end).build()), "labels");
    }

    /** {@code GET /loki/api/v1/label/{name}/values}: values of label {@code name} in [start, end]. */
    public List<String> labelValues(String name, Instant start, Instant end) {
        Objects.requireNonNull(name, "name");
        HttpUrl.Builder u = base.newBuilder().addPathSegments("loki/api/v1/label").addPathSegment(name)
                .addPathSegment("values");
        return stringList(get(window(u, start, end).build()), "label values");
    }

    /** {@code GET /loki/api/v1/series}: label sets of the streams matching any of {@code selectors}. */
    public List<Map<String, String>> series(List<String> selectors, Instant start, Instant end) {
        if (selectors == null || selectors.isEmpty()) {
            throw new IllegalArgumentException("series needs at least one selector, such as {namespace=\"shop\"}");
        }
        HttpUrl.Builder u = url("series");
        for (String s : selectors) {
            u.addQueryParameter("match[]", s);
        }
        JsonNode data = data(get(window(u, start, end).build()), "series");
        List<Map<String, String>> out = new ArrayList<>();
        if (!data.isArray()) {
            throw unexpected("series", "data is not an array");
        }
        for (JsonNode n : data) {
            out.add(labelsOf(n));
        }
        return out;
    }

    // ---------------------------------------------------------------- HTTP

    private HttpUrl.Builder url(String endpoint) {
        return base.newBuilder().addPathSegments("loki/api/v1/" + endpoint);
    }

    private static HttpUrl.Builder window(HttpUrl.Builder u, Instant start, Instant end) {
        if (start != null) {
            u.addQueryParameter("start", Long.toString(nanos(start)));
        }
        if (end != null) {
            u.addQueryParameter("end", Long.toString(nanos(end)));
        }
        return u;
    }

    static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    private JsonNode get(HttpUrl url) {
        Request.Builder rb = new Request.Builder().url(url).get().header("Accept", "application/json");
        config.tenant().ifPresent(t -> rb.header("X-Scope-OrgID", t));
        if (config.bearerToken().isPresent()) {
            rb.header("Authorization", "Bearer " + config.bearerToken().get());
        } else if (config.username().isPresent()) {
            rb.header("Authorization", Credentials.basic(config.username().get(), config.password().orElse("")));
        }
        String where = "Loki at " + base;
        try (Response resp = http.newCall(rb.build()).execute()) {
            ResponseBody body = resp.body();
            int code = resp.code();
            okio.BufferedSource source = body.source();
            // bounded before it is parsed: a proxy or a runaway query can answer gigabytes
            if (source.request(MAX_RESPONSE_BYTES + 1)) {
                throw new LokiException(ToolError.Kind.INTERNAL, code, where + " answered with more than "
                        + MAX_RESPONSE_BYTES + " bytes; narrow the window or lower the limit", null);
            }
            String text = source.getBuffer().readUtf8();
            if (code >= 200 && code < 300) {
                try {
                    return mapper.readTree(text);
                } catch (IOException e) {
                    throw new LokiException(ToolError.Kind.INTERNAL, code, where + " answered " + code
                            + " with a body that is not JSON: '" + clip(text) + "'; check that LOKI_URL points at Loki"
                            + " and not at a proxy or another service", e);
                }
            }
            String msg = errorMessage(text);
            if (code == 400 || code == 422) {
                throw new LokiException(ToolError.Kind.BAD_QUERY, code, "Loki rejected the query: " + msg, null);
            }
            if (code == 401 || code == 403) {
                throw new LokiException(ToolError.Kind.FORBIDDEN, code, where + " refused the credentials (" + code
                        + "): " + msg + "; check LOKI_BEARER_TOKEN or LOKI_USERNAME/LOKI_PASSWORD and LOKI_TENANT", null);
            }
            if (code == 404) {
                throw new LokiException(ToolError.Kind.UNAVAILABLE, code, where + " has no " + url.encodedPath()
                        + " (404): " + msg + "; check that LOKI_URL is Loki's base URL", null);
            }
            if (code == 408 || code == 504) {
                throw new LokiException(ToolError.Kind.TIMEOUT, code, where + " timed out (" + code + "): " + msg
                        + "; narrow the time window or the selector", null);
            }
            throw new LokiException(ToolError.Kind.UNAVAILABLE, code, where + " failed with " + code + ": " + msg, null);
        } catch (InterruptedIOException e) {
            throw new LokiException(ToolError.Kind.TIMEOUT, 0, where + " did not answer within "
                    + config.readTimeout().toMillis() + " ms (LOKI_TIMEOUT); narrow the window or raise the timeout", e);
        } catch (ConnectException e) {
            throw new LokiException(ToolError.Kind.UNAVAILABLE, 0, where + ": connection refused; check LOKI_URL and"
                    + " that Loki is running", e);
        } catch (UnknownHostException e) {
            throw new LokiException(ToolError.Kind.UNAVAILABLE, 0, where + ": unknown host " + base.host()
                    + "; check LOKI_URL", e);
        } catch (IOException e) {
            throw new LokiException(ToolError.Kind.UNAVAILABLE, 0, where + " could not be reached: " + e, e);
        }
    }

    /** Loki's error text: the {@code error} field of a JSON body, or the plain-text body. */
    private String errorMessage(String body) {
        String t = body == null ? "" : body.strip();
        if (t.startsWith("{")) {
            try {
                JsonNode n = mapper.readTree(t);
                if (n.hasNonNull("error")) {
                    return clip(n.get("error").asText());
                }
                if (n.hasNonNull("message")) {
                    return clip(n.get("message").asText());
                }
            } catch (IOException e) {
                // not JSON after all: quote it as text
            }
        }
        return t.isEmpty() ? "(empty body)" : clip(t);
    }

    private static String clip(String s) {
        return s.length() > MAX_ERROR_CHARS ? s.substring(0, MAX_ERROR_CHARS) + "..." : s;
    }

    // ---------------------------------------------------------------- parsing

    private JsonNode data(JsonNode root, String what) {
        if (root == null || !root.isObject()) {
            throw unexpected(what, "the body is not a JSON object");
        }
        String status = root.path("status").asText("");
        if (!"success".equals(status)) {
            throw new LokiException(ToolError.Kind.INTERNAL, 200, "Loki answered status '" + status + "' for "
                    + what + ": " + root.path("error").asText("(no error text)"), null);
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw unexpected(what, "no data field");
        }
        return data;
    }

    private List<String> stringList(JsonNode root, String what) {
        // Loki omits "data" altogether when there are no labels in the window
        boolean emptySuccess = root != null && root.isObject() && !root.has("data")
                && "success".equals(root.path("status").asText());
        JsonNode data = emptySuccess ? mapper.createArrayNode() : data(root, what);
        if (!data.isArray()) {
            throw unexpected(what, "data is not an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : data) {
            out.add(n.asText());
        }
        return out;
    }

    private QueryResult parseQuery(JsonNode root, Direction direction) {
        JsonNode data = data(root, "query");
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        if (!result.isArray()) {
            throw unexpected("query", "data.result is not an array");
        }
        switch (type) {
            case "streams": {
                List<LogEntry> entries = new ArrayList<>();
                for (JsonNode stream : result) {
                    Map<String, String> labels = labelsOf(stream.path("stream"));
                    for (JsonNode v : stream.path("values")) {
                        if (!v.isArray() || v.size() < 2) {
                            throw unexpected("query", "a stream value is not [timestamp, line]: " + clip(v.toString()));
                        }
                        long ns;
                        try {
                            ns = Long.parseLong(v.get(0).asText());
                        } catch (NumberFormatException e) {
                            throw unexpected("query", "timestamp '" + v.get(0).asText() + "' is not nanoseconds");
                        }
                        entries.add(new LogEntry(ns, v.get(1).asText(), labels));
                    }
                }
                Comparator<LogEntry> byTime = Comparator.comparingLong(LogEntry::timestampNanos);
                entries.sort(direction == Direction.FORWARD ? byTime : byTime.reversed());
                return new QueryResult(type, entries, List.of());
            }
            case "matrix":
            case "vector": {
                List<MetricSeries> series = new ArrayList<>();
                for (JsonNode s : result) {
                    List<MetricSeries.Sample> samples = new ArrayList<>();
                    if ("matrix".equals(type)) {
                        for (JsonNode v : s.path("values")) {
                            samples.add(sample(v));
                        }
                    } else {
                        samples.add(sample(s.path("value")));
                    }
                    series.add(new MetricSeries(labelsOf(s.path("metric")), samples));
                }
                return new QueryResult(type, List.of(), series);
            }
            case "scalar":
                return new QueryResult(type, List.of(), List.of(new MetricSeries(Map.of(), List.of(sample(result)))));
            default:
                throw unexpected("query", "unknown resultType '" + type + "'");
        }
    }

    private MetricSeries.Sample sample(JsonNode v) {
        if (!v.isArray() || v.size() < 2) {
            throw unexpected("query", "a sample is not [time, value]: " + clip(v.toString()));
        }
        double secs = v.get(0).asDouble(Double.NaN);
        if (Double.isNaN(secs)) {
            throw unexpected("query", "sample time '" + v.get(0).asText() + "' is not a number");
        }
        long millis = Math.round(secs * 1000);
        double value;
        try {
            value = Double.parseDouble(v.get(1).asText());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        return new MetricSeries.Sample(Instant.ofEpochMilli(millis), value);
    }

    private static Map<String, String> labelsOf(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    private LokiException unexpected(String what, String detail) {
        return new LokiException(ToolError.Kind.INTERNAL, 200, "unexpected answer from Loki at " + base + " to "
                + what + ": " + detail, null);
    }
}
