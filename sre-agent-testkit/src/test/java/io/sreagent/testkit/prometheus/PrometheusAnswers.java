package io.sreagent.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Asks Prometheus HTTP APIs and compares their answers number by number. */
final class PrometheusAnswers {

    static final double TOLERANCE = 1e-6;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PrometheusAnswers() {
    }

    static JsonNode get(String baseUrl, String path, Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path + q)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_http", r.statusCode());
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Labels (as sorted text) to the list of [t, v] points of a vector, matrix or scalar result. */
    static Map<String, List<double[]>> points(JsonNode answer) {
        assertThat(answer.path("status").asText()).as("answer %s", answer).isEqualTo("success");
        JsonNode data = answer.get("data");
        Map<String, List<double[]>> out = new TreeMap<>();
        String type = data.get("resultType").asText();
        if (type.equals("scalar")) {
            out.put("{}", List.of(point(data.get("result"))));
            return out;
        }
        for (JsonNode el : data.get("result")) {
            Map<String, String> labels = new TreeMap<>();
            el.get("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            List<double[]> pts = new ArrayList<>();
            if (el.has("value")) {
                pts.add(point(el.get("value")));
            } else {
                el.get("values").forEach(p -> pts.add(point(p)));
            }
            out.put(labels.toString(), pts);
        }
        return out;
    }

    private static double[] point(JsonNode p) {
        return new double[] {p.get(0).asDouble(), parse(p.get(1).asText())};
    }

    private static double parse(String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    /** Asserts that both answers have the same series, timestamps and (within the tolerance) values. */
    static void assertSameNumbers(String what, JsonNode expected, JsonNode actual) {
        Map<String, List<double[]>> e = points(expected);
        Map<String, List<double[]>> a = points(actual);
        assertThat(a.keySet()).as("series of %s", what).isEqualTo(e.keySet());
        for (String series : e.keySet()) {
            List<double[]> ep = e.get(series);
            List<double[]> ap = a.get(series);
            assertThat(ap.stream().map(p -> p[0]).toList()).as("timestamps of %s %s", what, series)
                    .isEqualTo(ep.stream().map(p -> p[0]).toList());
            for (int i = 0; i < ep.size(); i++) {
                double x = ep.get(i)[1];
                double y = ap.get(i)[1];
                if (!close(x, y)) {
                    fail("%s %s at %s: real %s, embedded %s", what, series,
                            java.math.BigDecimal.valueOf(ep.get(i)[0]).toPlainString(), x, y);
                }
            }
        }
    }

    static boolean close(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.isNaN(x) && Double.isNaN(y);
        }
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return x == y;
        }
        return Math.abs(x - y) <= TOLERANCE * Math.max(Math.abs(x), Math.abs(y)) || Math.abs(x - y) < 1e-12;
    }
}
