package io.sreagent.k8s.internal;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP call to the API server over the client's own transport (its authentication, TLS and interceptors), for
 * the few calls fabric8's DSL makes costlier than they need to be. Failures become {@link KubernetesClientException}s
 * carrying the code and the server's {@link Status}, so {@link ApiErrors} maps them as it maps every DSL call's.
 */
public final class RawCalls {

    private RawCalls() {
    }

    /**
     * Sends {@code request} and waits at most {@code timeout} for the answer, whatever its code.
     *
     * @param what what the call does, for error messages ("reading the log of pod a/b")
     * @throws KubernetesClientException when no answer came: interrupted, a transport failure or the timeout
     */
    public static HttpResponse<String> send(KubernetesClient client, HttpRequest request, Duration timeout, String what) {
        try {
            return client.getHttpClient().sendAsync(request, String.class)
                    .get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KubernetesClientException(what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new KubernetesClientException(what + " timed out after " + timeout.toMillis() + " ms", e);
        }
    }

    /** The exception for an answer that is not a success: its code, and the server's Status when the body is one. */
    public static KubernetesClientException failure(KubernetesClient client, HttpResponse<String> response, String what) {
        Status status = null;
        try {
            status = client.getKubernetesSerialization().unmarshal(response.body(), Status.class);
        } catch (RuntimeException notAStatus) {
            // not a Status body: the code alone says what happened
        }
        return new KubernetesClientException(what + " failed with HTTP " + response.code(), response.code(), status);
    }

    /** The API server's base URL joined with {@code path} (no leading slash), without doubling the slash. */
    public static String url(KubernetesClient client, String path) {
        String base = client.getMasterUrl().toString();
        return (base.endsWith("/") ? base : base + "/") + path;
    }
}
