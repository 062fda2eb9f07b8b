package io.sreagent.core.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sreagent.core.support.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Repairs tool-call arguments a model got almost right, against the tool's JSON schema, or says precisely what is
 * wrong so the model can correct itself: a code fence around the JSON, a trailing comma, the object sent as a JSON
 * string, a property in the wrong case or spelling style ({@code podName} for {@code pod_name}), a number or boolean
 * sent as a string, an object sent as a JSON string. A missing optional property is fine; a missing required one is
 * an error naming it. Never echoes the arguments back.
 */
public final class ArgumentRepair {

    /** Bound on the arguments a model may send, in characters. */
    public static final int MAX_CHARS = 16_384;
    private static final Pattern TRAILING_COMMA = Pattern.compile(",\\s*([}\\]])");
    private static final Pattern FENCE = Pattern.compile("(?s)^\\s*```[a-zA-Z]*\\s*(.*?)\\s*```\\s*$");

    private ArgumentRepair() {
    }

    /** Repaired arguments and what was repaired (empty when they were right). */
    public record Repaired(ObjectNode arguments, List<String> repairs) {
        public Repaired {
            repairs = List.copyOf(repairs);
        }
    }

    /** Arguments that could not be repaired, with a message for the model. */
    public static final class Unrepairable extends Exception {
        private static final long serialVersionUID = 1L;

        Unrepairable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Repairs {@code raw} against {@code schema} (an object schema with {@code properties} and {@code required}).
     *
     * @throws Unrepairable with a message naming what is wrong and what the schema expects
     */
    public static Repaired repair(String raw, JsonNode schema) throws Unrepairable {
        List<String> repairs = new ArrayList<>();
        String text = raw == null ? "" : raw.strip();
        if (text.length() > MAX_CHARS) {
            throw new Unrepairable("the arguments are " + text.length() + " characters; at most " + MAX_CHARS);
        }
        if (text.isEmpty()) {
            text = "{}";
        }
        var fence = FENCE.matcher(text);
        if (fence.matches()) {
            text = fence.group(1);
            repairs.add("removed a code fence");
        }
        JsonNode parsed = parse(text, repairs);
        if (parsed instanceof TextNode t && t.asText().strip().startsWith("{")) {
            parsed = parse(t.asText().strip(), repairs);
            repairs.add("read the object sent as a JSON string");
        }
        if (!(parsed instanceof ObjectNode args)) {
            throw new Unrepairable("the arguments must be a JSON object with the properties " + describe(schema)
                    + ", got a JSON " + parsed.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        JsonNode props = schema.path("properties");
        Map<String, String> byLoose = new LinkedHashMap<>();
        props.fieldNames().forEachRemaining(p -> byLoose.put(loose(p), p));
        ObjectNode out = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (!props.has(name) && byLoose.containsKey(loose(name))) {
                String fixed = byLoose.get(loose(name));
                repairs.add("read '" + abbreviate(name) + "' as '" + fixed + "'");
                name = fixed;
            }
            out.set(name, props.has(name) ? coerce(name, e.getValue(), props.get(name), repairs) : e.getValue());
        }
        List<String> missing = new ArrayList<>();
        schema.path("required").forEach(r -> {
            if (!out.hasNonNull(r.asText())) {
                missing.add(r.asText());
            }
        });
        if (!missing.isEmpty()) {
            throw new Unrepairable("missing required " + (missing.size() == 1 ? "argument " : "arguments ")
                    + String.join(", ", missing) + "; the properties are " + describe(schema));
        }
        return new Repaired(out, repairs);
    }

    static JsonNode parse(String text, List<String> repairs) throws Unrepairable {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException first) {
            String fixed = TRAILING_COMMA.matcher(text).replaceAll("$1");
            if (!fixed.equals(text)) {
                try {
                    JsonNode n = Json.mapper().readTree(fixed);
                    repairs.add("removed a trailing comma");
                    return n;
                } catch (JsonProcessingException ignored) {
                    // report the first error, the one in what the model wrote
                }
            }
            var loc = first.getLocation();
            throw new Unrepairable("the arguments are not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + " column " + loc.getColumnNr()) + ": " + first.getOriginalMessage().lines().findFirst().orElse("")
                    .replaceAll("\\(.*", "").strip() + "; send one JSON object");
        }
    }

    private static JsonNode coerce(String name, JsonNode value, JsonNode propSchema, List<String> repairs)
            throws Unrepairable {
        String type = propSchema.path("type").asText("");
        if (!value.isTextual()) {
            if ("string".equals(type) && value.isValueNode() && !value.isNull()) {
                repairs.add("read " + name + " as a string");
                return TextNode.valueOf(value.asText());
            }
            return value;
        }
        String s = value.asText().strip();
        try {
            switch (type) {
                case "integer" -> {
                    long n = Long.parseLong(s);
                    repairs.add("read " + name + " as an integer");
                    return Json.mapper().getNodeFactory().numberNode(n);
                }
                case "number" -> {
                    double d = Double.parseDouble(s);
                    repairs.add("read " + name + " as a number");
                    return Json.mapper().getNodeFactory().numberNode(d);
                }
                case "boolean" -> {
                    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                        repairs.add("read " + name + " as a boolean");
                        return Json.mapper().getNodeFactory().booleanNode(Boolean.parseBoolean(s.toLowerCase(Locale.ROOT)));
                    }
                    throw new Unrepairable(name + " must be true or false");
                }
                case "object", "array" -> {
                    JsonNode n = Json.mapper().readTree(s);
                    repairs.add("read " + name + " from a JSON string");
                    return n;
                }
                default -> {
                    return value;
                }
            }
        } catch (NumberFormatException | JsonProcessingException e) {
            throw new Unrepairable(name + " must be " + ("integer".equals(type) ? "an integer" : "a " + type)
                    + (propSchema.hasNonNull("description") ? " (" + propSchema.get("description").asText() + ")" : ""));
        }
    }

    /** Case and separator style do not matter: {@code podName}, {@code pod_name}, {@code POD-NAME}. */
    private static String loose(String name) {
        return name.replaceAll("[_\\-\\s]", "").toLowerCase(Locale.ROOT);
    }

    private static String describe(JsonNode schema) {
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        java.util.Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + " (" + e.getValue().path("type").asText("string")
                    + (required.contains(e.getKey()) ? ", required" : ", optional") + ")");
        }
        return parts.isEmpty() ? "{} (none)" : String.join(", ", parts);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
