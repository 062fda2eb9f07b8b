package io.sreagent.k8s.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;

import io.sreagent.core.input.KubernetesNames;
import java.util.Objects;
import java.util.Optional;

/**
 * Base of every tool of this module: fixed id, description, schema and safety class, and one place that turns bad
 * arguments and API failures into typed {@link ToolResult} errors so no exception escapes {@link #invoke}.
 */
public abstract class KubernetesTool implements Tool {

    private final String id;
    private final String description;
    private final ObjectNode schema;
    private final SafetyClass safety;

    protected KubernetesTool(String id, String description, ObjectNode schema, SafetyClass safety) {
        this.id = Objects.requireNonNull(id, "id");
        this.description = Objects.requireNonNull(description, "description");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.safety = Objects.requireNonNull(safety, "safety");
    }

    @Override public final String id() { return id; }

    @Override public final String description() { return description; }

    @Override public final ObjectNode argumentsSchema() { return schema.deepCopy(); }

    @Override public final SafetyClass safety() { return safety; }

    @Override
    public final ToolResult invoke(ToolInvocation invocation) {
        try {
            checkNames(invocation);
            return run(invocation);
        } catch (InvalidArgumentException e) {
            return ToolResult.error(ToolError.Kind.INVALID_ARGUMENTS, id + ": " + e.getMessage());
        } catch (KubernetesClientException e) {
            return ApiErrors.toResult(e, id);
        }
    }

    /**
     * Refuses names that are not Kubernetes names before any of them reaches a URL: the arguments that name a
     * namespace or a container must be RFC 1123 labels, those that name an object or a node RFC 1123 subdomains.
     */
    private static void checkNames(ToolInvocation inv) {
        for (var e : inv.arguments().properties()) {
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                continue;
            }
            String v = e.getValue().asText().trim();
            Optional<String> problem = switch (e.getKey()) {
                case "namespace", "container" -> KubernetesNames.namespaceProblem(e.getKey(), v)
                        .map(p -> e.getKey().equals("container") ? p.replace("namespace", "container name") : p);
                case "name", "node", "pod" -> KubernetesNames.nameProblem(e.getKey(), v);
                default -> Optional.empty();
            };
            if (problem.isPresent()) {
                throw new InvalidArgumentException(problem.get());
            }
        }
    }

    /** Does the work; may throw {@link InvalidArgumentException} and {@link KubernetesClientException}. */
    protected abstract ToolResult run(ToolInvocation invocation);

    /** A required non-blank string argument. */
    protected static String required(ToolInvocation inv, String name) {
        JsonNode n = inv.arguments().get(name);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            throw new InvalidArgumentException("argument `" + name + "` is required");
        }
        return n.asText().trim();
    }

    /** An optional string argument, or null. */
    protected static String optional(ToolInvocation inv, String name) {
        JsonNode n = inv.arguments().get(name);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText().trim();
    }

    /** An optional integer argument within {@code [min, max]}, or {@code fallback}. */
    protected static int intArg(ToolInvocation inv, String name, int fallback, int min, int max) {
        JsonNode n = inv.arguments().get(name);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            return fallback;
        }
        int v;
        if (n.isIntegralNumber()) {
            v = n.asInt();
        } else {
            try {
                v = Integer.parseInt(n.asText().trim());
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("argument `" + name + "` must be an integer, was '" + n.asText() + "'");
            }
        }
        if (v < min || v > max) {
            throw new InvalidArgumentException("argument `" + name + "` must be within " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    /** An optional boolean argument. */
    protected static boolean boolArg(ToolInvocation inv, String name, boolean fallback) {
        JsonNode n = inv.arguments().get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        String s = n.asText().trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new InvalidArgumentException("argument `" + name + "` must be true or false, was '" + n.asText() + "'");
    }

    @Override
    public String toString() {
        return "Tool[" + id + "]";
    }
}
