package io.sreagent.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Checks a call's arguments against the tool's JSON schema before the tool sees them: every {@code required}
 * property present and not null, and each property given of its declared {@code type} (string, integer, number,
 * boolean, object, array; an integer or a boolean written as a string is accepted, as models often do). The schema
 * subset the tools of this project write; other keywords are left to the tool. Stateless.
 */
final class ArgumentCheck {

    private ArgumentCheck() {
    }

    /** What is wrong with {@code args} under {@code schema}, naming the field; empty when nothing is. */
    static Optional<String> problem(JsonNode schema, JsonNode args) {
        if (schema == null || !schema.isObject()) {
            return Optional.empty();
        }
        for (JsonNode r : schema.path("required")) {
            JsonNode v = args.get(r.asText());
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                return Optional.of("argument `" + r.asText() + "` is required");
            }
        }
        JsonNode props = schema.path("properties");
        for (var e : args.properties()) {
            String type = props.path(e.getKey()).path("type").asText("");
            JsonNode v = e.getValue();
            if (type.isEmpty() || v.isNull()) {
                continue;
            }
            boolean ok = switch (type) {
                case "string" -> v.isTextual();
                case "integer" -> v.isIntegralNumber() || (v.isTextual() && v.asText().trim().matches("-?\\d+"));
                case "number" -> v.isNumber() || (v.isTextual() && v.asText().trim().matches("-?\\d+(\\.\\d+)?"));
                case "boolean" -> v.isBoolean() || (v.isTextual() && v.asText().trim().matches("(?i)true|false"));
                case "object" -> v.isObject();
                case "array" -> v.isArray();
                default -> true;
            };
            if (!ok) {
                return Optional.of("argument `" + e.getKey() + "` must be " + (type.equals("integer") ? "an " : "a ")
                        + type + ", was " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return Optional.empty();
    }
}
