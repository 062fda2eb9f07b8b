package io.sreagent.k8s.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells an object that is missing from a server that is not a Kubernetes API at all: a URL that answers 404 to
 * everything would otherwise read as "Pod does not exist" and the decision would not say it saw nothing. On the first
 * NOT_FOUND a tool reports, the server's {@code /version} is read once; if that fails with a 404 or an answer that is
 * not a version, every NOT_FOUND becomes UNAVAILABLE naming the reason, which the workflow lists in {@code degraded}.
 * Thread-safe; one probe per client.
 */
public final class ApiProbe {

    private final KubernetesClient client;
    private final AtomicReference<Optional<String>> verdict = new AtomicReference<>();

    public ApiProbe(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Why the server is not a Kubernetes API, or empty when it is (or cannot be reached, which tools report). */
    public Optional<String> notKubernetes() {
        Optional<String> v = verdict.get();
        if (v == null) {
            v = probe();
            verdict.compareAndSet(null, v);
        }
        return v;
    }

    private Optional<String> probe() {
        String base = String.valueOf(client.getConfiguration().getMasterUrl());
        String url = (base.endsWith("/") ? base : base + "/") + "version";
        try {
            var http = client.getHttpClient();
            var request = http.newHttpRequestBuilder().uri(url).build();
            long timeout = Math.max(1000, client.getConfiguration().getRequestTimeout());
            var response = http.sendAsync(request, String.class).get(timeout, TimeUnit.MILLISECONDS);
            String body = response.body() == null ? "" : response.body();
            if (response.code() == 404 || (response.isSuccessful() && !body.contains("\"gitVersion\""))) {
                return Optional.of("the server at " + base + " is not a Kubernetes API (GET /version answered "
                        + (response.code() == 404 ? "404" : response.code() + " without a version")
                        + "); check the kubeconfig's server URL");
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Optional.empty(); // unreachable or refused: the tools already say so
        }
    }

    /** {@code tool} with its NOT_FOUND answers checked against this probe. */
    public Tool guard(Tool tool) {
        return new Tool() {
            @Override public String id() { return tool.id(); }

            @Override public String description() { return tool.description(); }

            @Override public ObjectNode argumentsSchema() { return tool.argumentsSchema(); }

            @Override public SafetyClass safety() { return tool.safety(); }

            @Override public String namespace() { return tool.namespace(); }

            @Override
            public ToolResult invoke(ToolInvocation invocation) {
                ToolResult r = tool.invoke(invocation);
                if (r != null && r.isError() && r.error().kind() == ToolError.Kind.NOT_FOUND) {
                    Optional<String> why = notKubernetes();
                    if (why.isPresent()) {
                        return ToolResult.error(ToolError.Kind.UNAVAILABLE, tool.id() + ": " + why.get());
                    }
                }
                return r;
            }

            @Override public String toString() { return tool.toString(); }
        };
    }
}
