package io.sreagent.prometheus.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.support.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A client of the Prometheus HTTP API ({@code /api/v1}): instant and range queries, series, labels, metadata, alerts
 * and rules, over okhttp.
 *
 * <p>Every time parameter is passed explicitly, because agents run on an injected clock and scenario data lies in the
 * past: a query without {@code time} would be evaluated at the wall clock and find nothing. Failures are thrown as
 * {@link PrometheusException} with a {@link PrometheusException.Kind}; an empty result is not a failure.
 * Thread-safe.
 */
public final class PrometheusClient {

    /** The largest answer read: 32 MiB. A larger one is a {@link PrometheusException.Kind#BAD_RESPONSE}. */
    public static final long MAX_RESPONSE_BYTES = io.sreagent.core.input.InputFiles.DEFAULT_MAX_BYTES;

    private static final int MAX_ERROR_BODY = 300;

    private final PrometheusConfig config;
    private final HttpUrl base;
    private final OkHttpClient http;

    /** A client with its own okhttp client built from the configuration's timeouts. */
    public PrometheusClient(PrometheusConfig config) {
        this(config, new OkHttpClient());
    }

    /**
     * A client sharing {@code http}'s connection pool; the configuration's timeouts override the given client's.
     *
     * @throws IllegalArgumentException when the configuration is invalid
     */
    public PrometheusClient(PrometheusConfig config, OkHttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        config.validate();
        String url = config.url().trim();
        this.base = HttpUrl.get(url.endsWith("/") ? url : url + "/");
        this.http = http.newBuilder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
    }

    /** The configuration this client uses. */
    public PrometheusConfig config() {
        return config;
    }

    /** Evaluates {@code promql} at {@code time} ({@code POST /api/v1/query}). */
    public QueryResult query(String promql, Instant time) throws PrometheusException {
        requireQuery(promql);
        Objects.requireNonNull(time, "time");
        return parseQueryData(post("api/v1/query", Map.of("query", promql, "time", epoch(time))));
    }

    /**
     * Evaluates {@code promql} from {@code start} to {@code end} every {@code step}
     * ({@code POST /api/v1/query_range}).
     */
    public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) throws PrometheusException {
        requireQuery(promql);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(step, "step");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("range end " + end + " is before start " + start + "; swap them");
        }
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("range step must be positive, was " + step);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", promql);
        form.put("start", epoch(start));
        form.put("end", epoch(end));
        form.put("step", new BigDecimal(step.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString());
        return parseQueryData(post("api/v1/query_range", form));
    }

    /** The label sets of series matching any of {@code matchers} between {@code start} and {@code end}. */
    public List<Map<String, String>> series(List<String> matchers, Instant start, Instant end)
            throws PrometheusException {
        if (matchers == null || matchers.isEmpty()) {
            throw new IllegalArgumentException("series needs at least one matcher, such as {namespace=\"shop\"}");
        }
        FormBody.Builder fb = new FormBody.Builder();
        matchers.forEach(m -> fb.add("match[]", m));
        fb.add("start", epoch(start)).add("end", epoch(end));
        JsonNode data = call(new Request.Builder().url(base.resolve("api/v1/series")).post(fb.build())).data();
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode n : array(data, "series data")) {
            out.add(stringMap(n));
        }
        return out;
    }

    /** Label names present between {@code start} and {@code end}. */
    public List<String> labelNames(Instant start, Instant end) throws PrometheusException {
        HttpUrl url = base.resolve("api/v1/labels").newBuilder()
                .addQueryParameter("start", epoch(start)).addQueryParameter("end", epoch(end)).build();
        return strings(call(new Request.Builder().url(url).get()).data());
    }

    /**
     * Values of {@code label} between {@code start} and {@code end}, optionally restricted to series matching
     * {@code matcher} (null for all); {@code label} {@code __name__} lists metric names.
     */
    public List<String> labelValues(String label, String matcher, Instant start, Instant end)
            throws PrometheusException {
        if (label == null || !label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("label name '" + label
                    + "' is not a Prometheus label name; use letters, digits and underscores, such as pod");
        }
        HttpUrl.Builder url = base.resolve("api/v1/label/" + label + "/values").newBuilder()
                .addQueryParameter("start", epoch(start)).addQueryParameter("end", epoch(end));
        if (matcher != null && !matcher.isBlank()) {
            url.addQueryParameter("match[]", matcher);
        }
        return strings(call(new Request.Builder().url(url.build()).get()).data());
    }

    /** Metadata of metric families, all of them when {@code metric} is null. */
    public List<MetricMetadata> metadata(String metric) throws PrometheusException {
        HttpUrl.Builder url = base.resolve("api/v1/metadata").newBuilder();
        if (metric != null && !metric.isBlank()) {
            url.addQueryParameter("metric", metric);
        }
        JsonNode data = call(new Request.Builder().url(url.build()).get()).data();
        if (!data.isObject()) {
            throw badResponse("metadata data is not an object: " + abbreviate(data.toString()));
        }
        List<MetricMetadata> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = data.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode m : e.getValue()) {
                out.add(new MetricMetadata(e.getKey(), m.path("type").asText(""), m.path("help").asText(""),
                        m.path("unit").asText("")));
            }
        }
        return out;
    }

    /** Alerts Prometheus currently has pending or firing. */
    public List<ActiveAlert> alerts() throws PrometheusException {
        JsonNode data = call(new Request.Builder().url(base.resolve("api/v1/alerts")).get()).data();
        List<ActiveAlert> out = new ArrayList<>();
        for (JsonNode a : array(data.path("alerts"), "alerts")) {
            String activeAt = a.path("activeAt").asText(null);
            Instant at = null;
            if (activeAt != null) {
                try {
                    at = Instant.parse(activeAt);
                } catch (RuntimeException e) {
                    throw badResponse("alert activeAt '" + activeAt + "' is not an RFC 3339 time");
                }
            }
            out.add(new ActiveAlert(stringMap(a.path("labels")), stringMap(a.path("annotations")),
                    a.path("state").asText(""), at, a.path("value").asText("")));
        }
        return out;
    }

    /** The alerting and recording rule groups ({@code data.groups} of {@code GET /api/v1/rules}), as JSON. */
    public JsonNode rules() throws PrometheusException {
        JsonNode data = call(new Request.Builder().url(base.resolve("api/v1/rules")).get()).data();
        JsonNode groups = data.path("groups");
        if (!groups.isArray()) {
            throw badResponse("rules data has no groups array: " + abbreviate(data.toString()));
        }
        return groups;
    }

    // ------------------------------------------------------------------ transport

    /** The {@code data} of a successful answer and the warnings that came with it. */
    private record Answer(JsonNode data, List<String> warnings) {
    }

    private Answer post(String path, Map<String, String> form) throws PrometheusException {
        FormBody.Builder fb = new FormBody.Builder();
        form.forEach(fb::add);
        return call(new Request.Builder().url(base.resolve(path)).post(fb.build()));
    }

    private Answer call(Request.Builder rb) throws PrometheusException {
        config.headers().forEach(rb::header);
        PrometheusAuth auth = config.auth();
        if (auth instanceof PrometheusAuth.Bearer b) {
            rb.header("Authorization", "Bearer " + b.token());
        } else if (auth instanceof PrometheusAuth.Basic b) {
            rb.header("Authorization", Credentials.basic(b.username(), b.password()));
        }
        Request request = rb.header("Accept", "application/json").build();
        String where = request.method() + " " + request.url().encodedPath();
        int status;
        String body;
        try (Response response = http.newCall(request).execute()) {
            status = response.code();
            okio.BufferedSource source = response.body().source();
            // bounded before it is parsed: a proxy or a runaway query can answer gigabytes
            if (source.request(MAX_RESPONSE_BYTES + 1)) {
                throw badResponse("Prometheus at " + base + " answered " + where + " with more than "
                        + MAX_RESPONSE_BYTES + " bytes; narrow the query (fewer series, a larger step)");
            }
            body = source.getBuffer().readUtf8();
        } catch (InterruptedIOException e) {
            // okhttp reports read, call and connect timeouts as (subclasses of) InterruptedIOException.
            throw new PrometheusException(PrometheusException.Kind.TIMEOUT, 0, null,
                    "Prometheus at " + base + " did not answer " + where + " within " + config.callTimeout()
                            + "; the server is overloaded or the query too heavy: narrow the range or raise the timeout",
                    e);
        } catch (ConnectException | UnknownHostException e) {
            throw new PrometheusException(PrometheusException.Kind.UNAVAILABLE, 0, null,
                    "Prometheus at " + base + " cannot be reached (" + e.getMessage()
                            + "); check PROMETHEUS_URL and that the server runs", e);
        } catch (IOException e) {
            throw new PrometheusException(PrometheusException.Kind.UNAVAILABLE, 0, null,
                    "Prometheus at " + base + " failed during " + where + ": " + e, e);
        }
        JsonNode root = null;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException | RuntimeException e) {
            // handled below: a non-JSON body is classified by the HTTP status first
        }
        String errorType = root != null ? root.path("errorType").asText(null) : null;
        String error = root != null ? root.path("error").asText(null) : null;
        if (root != null && "error".equals(root.path("status").asText())) {
            throw errorFromBody(status, errorType, error, where);
        }
        if (status == 401 || status == 403) {
            throw new PrometheusException(PrometheusException.Kind.FORBIDDEN, status, errorType,
                    "Prometheus at " + base + " refused the credentials (HTTP " + status + ") for " + where
                            + "; check PROMETHEUS_TOKEN or PROMETHEUS_USERNAME/PASSWORD", null);
        }
        if (status == 404) {
            throw new PrometheusException(PrometheusException.Kind.NOT_FOUND, status, errorType,
                    "no Prometheus API at " + base + " (HTTP 404 for " + where
                            + "); PROMETHEUS_URL must be the server root, without /api/v1", null);
        }
        if (status >= 500) {
            throw new PrometheusException(PrometheusException.Kind.UNAVAILABLE, status, errorType,
                    "Prometheus at " + base + " answered HTTP " + status + " for " + where + ": "
                            + abbreviate(body), null);
        }
        if (status >= 400) {
            throw new PrometheusException(PrometheusException.Kind.BAD_QUERY, status, errorType,
                    "Prometheus rejected " + where + " with HTTP " + status + ": " + abbreviate(body), null);
        }
        if (root == null || !root.isObject()) {
            throw badResponse("Prometheus at " + base + " answered " + where + " with a body that is not JSON: "
                    + abbreviate(body));
        }
        if (!"success".equals(root.path("status").asText())) {
            throw badResponse("Prometheus answered " + where + " with status '" + root.path("status").asText()
                    + "' instead of success: " + abbreviate(body));
        }
        List<String> w = new ArrayList<>();
        root.path("warnings").forEach(n -> w.add(n.asText()));
        root.path("infos").forEach(n -> w.add(n.asText()));
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw badResponse("Prometheus answered " + where + " without data: " + abbreviate(body));
        }
        return new Answer(data, List.copyOf(w));
    }

    private PrometheusException errorFromBody(int status, String errorType, String error, String where) {
        String type = errorType == null ? "" : errorType;
        PrometheusException.Kind kind = switch (type) {
            case "bad_data", "execution" -> PrometheusException.Kind.BAD_QUERY;
            case "timeout", "canceled" -> PrometheusException.Kind.TIMEOUT;
            case "unavailable", "internal" -> PrometheusException.Kind.UNAVAILABLE;
            case "not_found" -> PrometheusException.Kind.NOT_FOUND;
            default -> status >= 500 ? PrometheusException.Kind.UNAVAILABLE
                    : status == 401 || status == 403 ? PrometheusException.Kind.FORBIDDEN
                    : PrometheusException.Kind.BAD_QUERY;
        };
        String advice = switch (kind) {
            case BAD_QUERY -> "; fix the PromQL or parameters";
            case TIMEOUT -> "; narrow the range, raise the step or the timeout";
            default -> "";
        };
        return new PrometheusException(kind, status, errorType,
                "Prometheus rejected " + where + " (HTTP " + status + ", " + type + "): " + error + advice, null);
    }

    // ------------------------------------------------------------------ parsing

    private QueryResult parseQueryData(Answer answer) throws PrometheusException {
        JsonNode data = answer.data();
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        List<String> w = answer.warnings();
        switch (type) {
            case "vector" -> {
                List<Series> out = new ArrayList<>();
                for (JsonNode s : array(result, "vector result")) {
                    JsonNode v = s.get("value");
                    if (v == null) {
                        continue; // a native-histogram sample ("histogram"): not representable as a double
                    }
                    out.add(new Series(stringMap(s.path("metric")), List.of(sample(v))));
                }
                return new QueryResult(QueryResult.ResultType.VECTOR, out, null, null, w);
            }
            case "matrix" -> {
                List<Series> out = new ArrayList<>();
                for (JsonNode s : array(result, "matrix result")) {
                    List<Sample> samples = new ArrayList<>();
                    for (JsonNode v : s.path("values")) {
                        samples.add(sample(v));
                    }
                    out.add(new Series(stringMap(s.path("metric")), samples));
                }
                return new QueryResult(QueryResult.ResultType.MATRIX, out, null, null, w);
            }
            case "scalar" -> {
                return new QueryResult(QueryResult.ResultType.SCALAR, List.of(), sample(result), null, w);
            }
            case "string" -> {
                if (!result.isArray() || result.size() != 2) {
                    throw badResponse("string result is not [time, \"value\"]: " + abbreviate(result.toString()));
                }
                return new QueryResult(QueryResult.ResultType.STRING, List.of(), null, result.get(1).asText(), w);
            }
            default -> throw badResponse("query answer has unknown resultType '" + type
                    + "' (expected vector, matrix, scalar or string): " + abbreviate(data.toString()));
        }
    }

    private Sample sample(JsonNode pair) throws PrometheusException {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber()) {
            throw badResponse("sample is not [unix_time, \"value\"]: " + abbreviate(pair.toString()));
        }
        long millis = pair.get(0).decimalValue().movePointRight(3).longValue();
        return new Sample(Instant.ofEpochMilli(millis), parseValue(pair.get(1).asText()));
    }

    /** Parses a Prometheus sample value, which may be {@code NaN}, {@code +Inf} or {@code -Inf}. */
    static double parseValue(String s) throws PrometheusException {
        switch (s) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw badResponse("sample value '" + abbreviate(s) + "' is not a number");
                }
        }
    }

    private static Iterable<JsonNode> array(JsonNode n, String what) throws PrometheusException {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw badResponse(what + " is not an array: " + abbreviate(n.toString()));
        }
        return n;
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> m = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        }
        return m;
    }

    private static List<String> strings(JsonNode data) throws PrometheusException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(data, "data")) {
            out.add(n.asText());
        }
        return out;
    }

    private static PrometheusException badResponse(String message) {
        return new PrometheusException(PrometheusException.Kind.BAD_RESPONSE, 200, null, message, null);
    }

    private static void requireQuery(String promql) {
        if (promql == null || promql.isBlank()) {
            throw new IllegalArgumentException("PromQL query is empty; give an expression such as up");
        }
    }

    private static String epoch(Instant t) {
        Objects.requireNonNull(t, "time");
        return new BigDecimal(t.toEpochMilli()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= MAX_ERROR_BODY ? one : one.substring(0, MAX_ERROR_BODY) + "...";
    }
}
