package io.sreagent.core.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A capability an agent can call: read a pod, run a PromQL query, restart a rollout.
 *
 * <p>Implementations are thread-safe and may be invoked concurrently. {@link #invoke} reports expected failures
 * (object missing, backend down, bad arguments) as a {@link ToolResult} with an error and does not throw; a
 * {@code RuntimeException} that escapes is caught by the {@link ToolRegistry} and reported as an INTERNAL error.
 * Mutating and destructive tools must change nothing unless {@link ToolInvocation#mayMutate()} holds.
 */
public interface Tool {

    /** Stable namespaced id, {@code namespace.name} such as {@code k8s.get_pod}. */
    String id();

    /** What the tool does, written for a model choosing among tools. */
    String description();

    /** JSON schema (type object) of the arguments. */
    ObjectNode argumentsSchema();

    /** What the tool can do to the world. */
    SafetyClass safety();

    /** Runs the tool. */
    ToolResult invoke(ToolInvocation invocation);

    /** The namespace part of {@link #id()}. */
    default String namespace() {
        String id = id();
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(0, dot);
    }
}
