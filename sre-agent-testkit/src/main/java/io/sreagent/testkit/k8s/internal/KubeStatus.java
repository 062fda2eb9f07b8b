package io.sreagent.testkit.k8s.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import io.sreagent.core.support.Json;

/** Builds responses with Kubernetes {@code Status} bodies, as the API server sends them. */
final class KubeStatus {

    private KubeStatus() {
    }

    static MockResponse failure(int code, String reason, String message, String kind, String name) {
        ObjectNode status = Json.mapper().createObjectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure").put("message", message).put("reason", reason);
        if (kind != null || name != null) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (kind != null) {
                details.put("kind", kind);
            }
        }
        status.put("code", code);
        return json(code, status.toString());
    }

    static MockResponse success(int code) {
        return json(code, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"code\":"
                + code + "}");
    }

    static MockResponse notFound(String plural, String name) {
        return failure(404, "NotFound", plural + " \"" + name + "\" not found", plural, name);
    }

    static MockResponse badRequest(String message) {
        return failure(400, "BadRequest", message, null, null);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }
}
