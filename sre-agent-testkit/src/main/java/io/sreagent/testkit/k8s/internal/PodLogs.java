package io.sreagent.testkit.k8s.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.sreagent.testkit.scenario.LogEntry;
import io.sreagent.testkit.scenario.LogStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers {@code GET /api/v1/namespaces/NS/pods/POD/log} from a scenario's log streams, with the query parameters of
 * the real API ({@code container}, {@code previous}, {@code tailLines}, {@code sinceSeconds}, {@code sinceTime},
 * {@code limitBytes}, {@code timestamps}); {@code sinceSeconds} counts back from the scenario clock.
 */
final class PodLogs {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final List<LogStream> streams;
    private final Instant now;

    PodLogs(List<LogStream> streams, Instant now) {
        this.streams = List.copyOf(streams);
        this.now = now;
    }

    /**
     * @param pod the stored pod, used to pick the default container and to reject unknown containers
     */
    MockResponse serve(String namespace, String podName, JsonNode pod, Map<String, String> query) {
        List<String> containers = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asText()));
        pod.path("spec").path("initContainers").forEach(c -> containers.add(c.path("name").asText()));
        String container = query.get("container");
        if (container == null || container.isEmpty()) {
            if (containers.size() != 1) {
                return KubeStatus.badRequest("a container name must be specified for pod " + podName
                        + ", choose one of: " + containers);
            }
            container = containers.get(0);
        } else if (!containers.isEmpty() && !containers.contains(container)) {
            return KubeStatus.badRequest("container " + container + " is not valid for pod " + podName);
        }
        boolean previous = "true".equals(query.get("previous"));
        String c = container;
        Optional<LogStream> stream = streams.stream()
                .filter(s -> namespace.equals(s.namespace()) && podName.equals(s.pod()) && c.equals(s.container())
                        && s.previous() == previous)
                .findFirst();
        if (stream.isEmpty()) {
            String what = previous ? "previous terminated container \"" + c + "\"" : "container \"" + c + "\"";
            return KubeStatus.failure(404, "NotFound", "no log of " + what + " in pod \"" + podName
                    + "\" in this scenario", "pods", podName);
        }
        List<LogEntry> entries = new ArrayList<>(stream.get().entries());
        try {
            Instant since = null;
            if (query.containsKey("sinceSeconds")) {
                long s = Long.parseLong(query.get("sinceSeconds"));
                if (s < 1) {
                    return KubeStatus.badRequest("sinceSeconds: Invalid value: " + s + ": must be greater than 0");
                }
                since = now.minusSeconds(s);
            } else if (query.containsKey("sinceTime")) {
                since = Instant.parse(query.get("sinceTime"));
            }
            if (since != null) {
                long sinceNanos = since.getEpochSecond() * 1_000_000_000L + since.getNano();
                entries.removeIf(e -> e.timestampNanos() < sinceNanos);
            }
            if (query.containsKey("tailLines")) {
                int tail = Integer.parseInt(query.get("tailLines"));
                if (tail < 0) {
                    return KubeStatus.badRequest("tailLines: Invalid value: " + tail + ": must be greater than or equal to 0");
                }
                entries = entries.subList(Math.max(0, entries.size() - tail), entries.size());
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return KubeStatus.badRequest("invalid log query parameter: " + e.getMessage());
        }
        boolean timestamps = "true".equals(query.get("timestamps"));
        StringBuilder out = new StringBuilder();
        for (LogEntry e : entries) {
            if (timestamps) {
                out.append(rfc3339Nano(e.instant())).append(' ');
            }
            out.append(e.line()).append('\n');
        }
        byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
        if (query.containsKey("limitBytes")) {
            try {
                long limit = Long.parseLong(query.get("limitBytes"));
                if (limit < 1) {
                    return KubeStatus.badRequest("limitBytes: Invalid value: " + limit + ": must be greater than 0");
                }
                if (bytes.length > limit) {
                    bytes = java.util.Arrays.copyOf(bytes, (int) limit);
                }
            } catch (NumberFormatException e) {
                return KubeStatus.badRequest("invalid log query parameter limitBytes: " + e.getMessage());
            }
        }
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(bytes);
    }

    /** Go's RFC3339Nano, which the kubelet uses for {@code timestamps=true}: trailing zeros of the fraction dropped. */
    static String rfc3339Nano(Instant t) {
        String s = SECONDS.format(t);
        if (t.getNano() != 0) {
            String frac = String.format("%09d", t.getNano()).replaceFirst("0+$", "");
            s += "." + frac;
        }
        return s + "Z";
    }
}
