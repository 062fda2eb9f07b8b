package io.sreagent.testkit.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sreagent.core.input.InputException;
import io.sreagent.core.input.JsonInput;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses a Loki push-API body ({@code {"streams":[{"stream":{LABELS},"values":[["<ns>","<line>"],...]}]}}), the
 * format of a scenario's {@code logs.json}.
 *
 * <p>Syntax errors name the line and column; errors in the structure name the JSON path
 * ({@code streams[1].values[3][0]}). Labels {@code namespace}, {@code pod} and {@code container} are required on every
 * stream. A third element of a value (structured metadata) is accepted and ignored. Stateless and thread-safe.
 */
public final class LokiPushParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private LokiPushParser() {
    }

    /**
     * Parses {@code text}.
     *
     * @param file the file name to put in error messages
     * @throws ScenarioException naming the file and the place of the first problem
     */
    public static List<LogStream> parse(String text, String file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            InputException safe = JsonInput.error(file, e);
            throw new ScenarioException(file, safe.position(), safe.problem());
        }
        if (root == null || !root.isObject()) {
            throw new ScenarioException(file, "", "expected a JSON object {\"streams\": [...]} (a Loki push body)");
        }
        JsonNode streams = root.get("streams");
        if (streams == null || !streams.isArray()) {
            throw new ScenarioException(file, "streams", "expected an array \"streams\" at the top level");
        }
        List<LogStream> out = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            String at = "streams[" + i + "]";
            JsonNode s = streams.get(i);
            JsonNode labelsNode = s.get("stream");
            if (labelsNode == null || !labelsNode.isObject()) {
                throw new ScenarioException(file, at + ".stream", "expected an object of stream labels");
            }
            Map<String, String> labels = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new ScenarioException(file, at + ".stream." + e.getKey(),
                            "label values must be strings, got " + describe(e.getValue()));
                }
                if (!e.getKey().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    throw new ScenarioException(file, at + ".stream", "invalid label name '" + e.getKey() + "'");
                }
                labels.put(e.getKey(), e.getValue().asText());
            }
            for (String required : List.of("namespace", "pod", "container")) {
                if (!labels.containsKey(required)) {
                    throw new ScenarioException(file, at + ".stream",
                            "missing label '" + required + "'; every stream needs namespace, pod and container");
                }
            }
            JsonNode values = s.get("values");
            if (values == null || !values.isArray()) {
                throw new ScenarioException(file, at + ".values", "expected an array of [\"<epoch ns>\", \"<line>\"]");
            }
            List<LogEntry> entries = new ArrayList<>(values.size());
            for (int j = 0; j < values.size(); j++) {
                String vat = at + ".values[" + j + "]";
                JsonNode v = values.get(j);
                if (!v.isArray() || v.size() < 2 || v.size() > 3) {
                    throw new ScenarioException(file, vat, "expected [\"<epoch ns>\", \"<line>\"], got " + describe(v));
                }
                JsonNode ts = v.get(0);
                if (!ts.isTextual() || !ts.asText().matches("\\d{1,19}")) {
                    throw new ScenarioException(file, vat + "[0]",
                            "expected the time as a string of nanoseconds since the epoch, got " + (ts.isTextual() ? "other text" : describe(ts)));
                }
                long nanos;
                try {
                    nanos = Long.parseLong(ts.asText());
                } catch (NumberFormatException e) {
                    throw new ScenarioException(file, vat + "[0]", "time " + ts + " is out of range", e);
                }
                if (!v.get(1).isTextual()) {
                    throw new ScenarioException(file, vat + "[1]", "expected the log line as a string, got " + describe(v.get(1)));
                }
                entries.add(new LogEntry(nanos, v.get(1).asText()));
            }
            entries.sort(Comparator.comparingLong(LogEntry::timestampNanos));
            out.add(new LogStream(labels, entries));
        }
        return out;
    }

    /** What a value is, without its content (a log line may hold anything). */
    private static String describe(JsonNode v) {
        return v.isArray() ? "an array of " + v.size() : "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
