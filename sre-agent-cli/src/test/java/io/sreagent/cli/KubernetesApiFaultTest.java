package io.sreagent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.incident.Decision;
import io.sreagent.core.spi.ToolProviderContext;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.workflow.SreWorkflow;
import io.sreagent.workflow.WorkflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes API failing under a whole diagnosis: the workflow's own client (built from a kubeconfig, as in a
 * real deployment, with its configured timeout and retries) talks to a server that refuses, throttles, stalls or drops
 * every call, while Prometheus and Loki still answer from the scenario. For each fault the decision comes within the
 * workflow timeout, {@code degraded} names Kubernetes, confidence is lower than with a healthy API, and the number of
 * requests stays bounded (retries are bounded; a 429's {@code Retry-After} is not a reason to loop).
 */
class KubernetesApiFaultTest {

    static final Duration WORKFLOW_TIMEOUT = Duration.ofSeconds(30);

    record Fault(String name, Supplier<MockResponse> answer) {
    }

    static MockResponse status(int code, String reason) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason
                        + "\",\"code\":" + code + "}").build();
    }

    static final List<Fault> FAULTS = List.of(
            new Fault("500", () -> status(500, "InternalError")),
            new Fault("403", () -> status(403, "Forbidden")),
            new Fault("429 with Retry-After", () -> status(429, "TooManyRequests").newBuilder()
                    .setHeader("Retry-After", "1").build()),
            new Fault("slower than the tool timeout", () -> status(200, "Slow").newBuilder()
                    .headersDelay(3, TimeUnit.SECONDS).build()),
            new Fault("dropped connections", () -> new MockResponse.Builder()
                    .onRequestStart(new SocketEffect.CloseSocket()).build()));

    @TempDir
    Path dir;

    @Test
    void everyFaultOfTheApiDegradesTheDecisionWithinTheTimeoutAndWithBoundedRequests() throws Exception {
        try (EmbeddedScenario servers = EmbeddedScenario.start(FaultInjectionTest.CART)) {
            Decision healthy = diagnose(servers, servers.tools());
            assertThat(healthy.degraded()).isEmpty();
            for (Fault fault : FAULTS) {
                try (MockWebServer api = NoDelaySockets.server()) {
                    api.setDispatcher(new Dispatcher() {
                        @Override
                        public MockResponse dispatch(RecordedRequest r) {
                            return fault.answer().get();
                        }
                    });
                    api.start();
                    long t0 = System.nanoTime();
                    Decision d = diagnose(servers, tools(servers, api));
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    assertThat(took).as(fault.name() + ": the decision comes within the workflow timeout")
                            .isLessThan(WORKFLOW_TIMEOUT.plusSeconds(5));
                    assertThat(String.join(" ", d.degraded()).toLowerCase())
                            .as(fault.name() + ": degraded names what failed").contains("kubernetes");
                    assertThat(d.confidence()).as(fault.name()).isLessThan(healthy.confidence());
                    assertThat(api.getRequestCount()).as(fault.name() + ": retries are bounded").isLessThan(300);
                }
            }
        }
    }

    Decision diagnose(EmbeddedScenario servers, ToolRegistry tools) {
        SreWorkflow workflow = CommonOptions.workflow(WorkflowConfig.defaults().withTimeout(WORKFLOW_TIMEOUT), tools, null)
                .clock(servers.clock()).build();
        return workflow.processIncident(servers.scenario().trigger(), e -> { });
    }

    /** The scenario's Prometheus and Loki, and a Kubernetes client the provider builds from a kubeconfig naming {@code api}. */
    ToolRegistry tools(EmbeddedScenario servers, MockWebServer api) throws Exception {
        Path kubeconfig = CliTest.kubeconfig(dir, api.url("/").toString());
        ToolProviderContext ctx = ToolProviderContext.builder()
                .properties(Map.of("PROMETHEUS_URL", servers.prometheusUrl(), "LOKI_URL", servers.lokiUrl(),
                        "KUBECONFIG", kubeconfig.toString(), "K8S_REQUEST_TIMEOUT_SECONDS", "1",
                        "K8S_REQUEST_RETRIES", "1"))
                .clock(servers.clock())
                .build();
        return ToolRegistry.builder().discover(getClass().getClassLoader(), ctx).build();
    }
}
