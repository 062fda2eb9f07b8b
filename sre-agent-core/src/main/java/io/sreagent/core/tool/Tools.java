package io.sreagent.core.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.support.Json;
import java.util.Objects;
import java.util.function.Function;

/** Small helpers for writing tools: a schema builder and a lambda-backed tool. */
public final class Tools {

    private Tools() {
    }

    /** Starts a JSON schema of type object. */
    public static SchemaBuilder schema() {
        return new SchemaBuilder();
    }

    /** A tool whose behaviour is {@code body}; handy for tests and small host tools. */
    public static Tool of(String id, String description, ObjectNode schema, SafetyClass safety,
                          Function<ToolInvocation, ToolResult> body) {
        Objects.requireNonNull(body, "body");
        if (!id.contains(".")) {
            throw new IllegalArgumentException("tool id must be namespaced as namespace.name, was '" + id + "'");
        }
        return new Tool() {
            @Override public String id() { return id; }
            @Override public String description() { return description; }
            @Override public ObjectNode argumentsSchema() { return schema.deepCopy(); }
            @Override public SafetyClass safety() { return safety; }
            @Override public ToolResult invoke(ToolInvocation invocation) { return body.apply(invocation); }
            @Override public String toString() { return "Tool[" + id + "]"; }
        };
    }

    /** Builds the JSON schema of a tool's arguments. */
    public static final class SchemaBuilder {
        private final ObjectNode schema = Json.object().put("type", "object");
        private final ObjectNode props = schema.putObject("properties");
        private final com.fasterxml.jackson.databind.node.ArrayNode required = schema.putArray("required");

        private SchemaBuilder() {
        }

        /** A property of JSON type {@code type} (string, integer, number, boolean, object, array). */
        public SchemaBuilder property(String name, String type, String description, boolean isRequired) {
            props.putObject(name).put("type", type).put("description", description);
            if (isRequired) {
                required.add(name);
            }
            return this;
        }

        /** A required string property. */
        public SchemaBuilder required(String name, String description) {
            return property(name, "string", description, true);
        }

        /** An optional string property. */
        public SchemaBuilder optional(String name, String description) {
            return property(name, "string", description, false);
        }

        /** The schema. */
        public ObjectNode build() {
            return schema.deepCopy();
        }
    }
}
