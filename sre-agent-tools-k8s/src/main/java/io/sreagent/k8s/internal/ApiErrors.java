package io.sreagent.k8s.internal;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolResult;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Turns failures of the Kubernetes API into typed tool errors, so a missing object, a refused call, a server error
 * and a timeout each reach the workflow as a {@link ToolResult} it can degrade on rather than as an exception.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** The error kind for a failure of the API client. */
    public static ToolError.Kind kindOf(Throwable e) {
        if (isTimeout(e)) {
            return ToolError.Kind.TIMEOUT;
        }
        if (e instanceof KubernetesClientException kce) {
            int code = kce.getCode();
            if (code == 404) {
                return ToolError.Kind.NOT_FOUND;
            }
            if (code == 401 || code == 403) {
                return ToolError.Kind.FORBIDDEN;
            }
            if (code == 409) {
                return ToolError.Kind.CONFLICT;
            }
            if (code == 400 || code == 422) {
                return ToolError.Kind.INVALID_ARGUMENTS;
            }
            if (code == 504 || code == 408) {
                return ToolError.Kind.TIMEOUT;
            }
            if (code == 429 || code >= 500 || code <= 0) {
                return ToolError.Kind.UNAVAILABLE;
            }
        }
        return ToolError.Kind.UNAVAILABLE;
    }

    /** A tool error result for a failed call; {@code what} says what was being done ("get Pod shop/web-1"). */
    public static ToolResult toResult(Throwable e, String what) {
        ToolError.Kind kind = kindOf(e);
        return ToolResult.error(kind, message(kind, e, what));
    }

    /** A message that says what failed, the API's own words, and what to do. */
    public static String message(ToolError.Kind kind, Throwable e, String what) {
        String detail = e instanceof KubernetesClientException kce && kce.getStatus() != null
                && kce.getStatus().getMessage() != null ? kce.getStatus().getMessage() : rootMessage(e);
        int code = e instanceof KubernetesClientException kce ? kce.getCode() : 0;
        String answer = code > 0 ? "the Kubernetes API answered " + code + " to " + what : what + " failed";
        return switch (kind) {
            case NOT_FOUND -> answer + ": " + detail + "; check the kind, namespace and name";
            case FORBIDDEN -> answer + ": " + detail
                    + "; grant the service account (or kubeconfig user) RBAC permission for this verb and resource";
            case TIMEOUT -> what + " timed out: " + detail
                    + "; the Kubernetes API server is slow or unreachable, retry later or raise K8S_REQUEST_TIMEOUT_SECONDS";
            case CONFLICT -> answer + ": " + detail + "; the object changed since it was read, read it again";
            case INVALID_ARGUMENTS -> answer + ": " + detail + "; the request was rejected as invalid";
            case UNAVAILABLE -> answer + ": " + detail + "; the Kubernetes API is unavailable, retry later";
            default -> answer + ": " + detail;
        };
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof TimeoutException
                    || (t instanceof InterruptedIOException && !(t instanceof ConnectException))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (root instanceof UnknownHostException || root instanceof ConnectException) {
            return root.getClass().getSimpleName() + ": " + m;
        }
        return m == null ? root.getClass().getSimpleName() : m;
    }
}
