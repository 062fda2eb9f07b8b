package io.sreagent.k8s.read;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sreagent.core.support.Json;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.k8s.KubernetesToolsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A missing object, a 403, a 500 and a timeout each become a typed tool error, never an exception. */
class ApiErrorsTest {

    private static final String POD_PATH = "/api/v1/namespaces/shop/pods/web-1";
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        KubernetesClient base = server.createClient();
        // no retries and a short timeout: the test is about how failures are reported, not about waiting
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(base.getConfiguration())
                .withRequestTimeout(2500).withRequestRetryBackoffLimit(0).build()).build();
        base.close();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private ToolResult getPod() {
        Tool t = new ReadTools(client, KubernetesToolsConfig.defaults(), Clock.systemUTC()).tools().stream()
                .filter(x -> x.id().equals("k8s.get_pod")).findFirst().orElseThrow();
        return t.invoke(ToolInvocation.of("k8s.get_pod", Json.object().put("namespace", "shop").put("name", "web-1")));
    }

    private static io.fabric8.kubernetes.api.model.Status status(int code, String reason, String message) {
        return new StatusBuilder().withCode(code).withReason(reason).withMessage(message).withStatus("Failure").build();
    }

    @Test
    void missingObjectIsNotFound() {
        server.expect().get().withPath(POD_PATH).andReturn(404, status(404, "NotFound", "pods \"web-1\" not found")).always();
        ToolResult r = getPod();
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.NOT_FOUND);
        assertThat(r.error().message()).contains("shop/web-1");
    }

    @Test
    void forbiddenIsForbiddenAndSaysWhatToGrant() {
        server.expect().get().withPath(POD_PATH).andReturn(403, status(403, "Forbidden",
                "pods \"web-1\" is forbidden: User \"system:serviceaccount:sre:agent\" cannot get resource \"pods\"")).always();
        ToolResult r = getPod();
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.FORBIDDEN);
        assertThat(r.error().message()).contains("403").contains("cannot get resource").contains("RBAC");
        assertThat(r.error().sourceDown()).isTrue();
    }

    @Test
    void serverErrorIsUnavailable() {
        server.expect().get().withPath(POD_PATH).andReturn(500, status(500, "InternalError", "etcdserver: leader changed"))
                .always();
        ToolResult r = getPod();
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.UNAVAILABLE);
        assertThat(r.error().message()).contains("500").contains("etcdserver: leader changed");
    }

    @Test
    void slowAnswerIsTimeout() {
        server.expect().get().delay(8, TimeUnit.SECONDS).withPath(POD_PATH).andReturn(200, "{}").always();
        ToolResult r = getPod();
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.TIMEOUT);
        assertThat(r.error().message()).contains("timed out");
    }

    @Test
    void analyzeDegradesToATypedErrorWhenTheApiIsDown() {
        server.expect().get().withPath("/api/v1/namespaces/shop/pods").andReturn(503,
                status(503, "ServiceUnavailable", "apiserver is shutting down")).always();
        Tool t = new ReadTools(client, KubernetesToolsConfig.defaults(), Clock.systemUTC()).tools().stream()
                .filter(x -> x.id().equals("k8s.analyze")).findFirst().orElseThrow();
        ToolResult r = t.invoke(ToolInvocation.of("k8s.analyze",
                Json.object().put("kind", "Pod").put("namespace", "shop").put("name", "web-1")));
        assertThat(r.error().kind()).isEqualTo(ToolError.Kind.UNAVAILABLE);
    }
}
