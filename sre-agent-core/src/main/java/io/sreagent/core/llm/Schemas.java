package io.sreagent.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Converts a tool's JSON schema (the subset tools use) to langchain4j's schema model. */
final class Schemas {

    private Schemas() {
    }

    static JsonObjectSchema toObjectSchema(JsonNode schema) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder();
        if (schema.hasNonNull("description")) {
            b.description(schema.get("description").asText());
        }
        JsonNode props = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            b.addProperty(e.getKey(), element(e.getValue()));
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
            b.required(required);
        }
        return b.build();
    }

    private static JsonSchemaElement element(JsonNode s) {
        String d = s.path("description").asText(null);
        return switch (s.path("type").asText("string")) {
            case "integer" -> JsonIntegerSchema.builder().description(d).build();
            case "number" -> JsonNumberSchema.builder().description(d).build();
            case "boolean" -> JsonBooleanSchema.builder().description(d).build();
            case "object" -> toObjectSchema(s);
            case "array" -> JsonArraySchema.builder().description(d)
                    .items(s.has("items") ? element(s.get("items")) : JsonStringSchema.builder().build()).build();
            default -> JsonStringSchema.builder().description(d).build();
        };
    }
}
