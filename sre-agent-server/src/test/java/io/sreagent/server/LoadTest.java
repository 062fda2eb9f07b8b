package io.sreagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.support.Json;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.scenario.ExampleScenarios;
import io.sreagent.workflow.SreWorkflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Backpressure and de-duplication: a burst of identical triggers is one run each, and nothing accepted is lost. */
class LoadTest {

    @Test
    void twoHundredConcurrentRequestsForTwentyIncidentsMakeTwentyRuns() throws Exception {
        try (EmbeddedScenario incident = EmbeddedScenario.startResource(ExampleScenarios.resource("cart-oom-killed"))) {
            SreWorkflow wf = SreWorkflow.builder().tools(incident.tools()).clock(incident.clock()).build();
            try (SreServer server = SreServer.builder(wf).concurrency(2).queue(32).decideWait(Duration.ofMillis(200))
                    .build().start("127.0.0.1", 0)) {
                HttpClient http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(16)).build();
                String base = "http://127.0.0.1:" + server.port();
                List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    String body = "{\"namespace\": \"shop\", \"resource_kind\": \"Pod\", \"resource_name\": \"cart-"
                            + (i % 20) + "\", \"event_data\": {\"reason\": \"BackOff\", \"message\": \"Back-off restarting\"}}";
                    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/decide"))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    // 200 connections opened at once on a 2-core machine: a connection the OS resets before the
                    // server saw it is sent again (the server's answers are what this test is about).
                    replies.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).exceptionallyCompose(e ->
                            e.getCause() instanceof java.io.IOException || e instanceof java.io.IOException
                                    ? http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                                    : CompletableFuture.failedFuture(e)));
                }
                Set<String> polled = new HashSet<>();
                int decided = 0;
                int accepted = 0;
                int refused = 0;
                for (var f : replies) {
                    HttpResponse<String> r = f.get();
                    assertThat(r.statusCode()).as(r.body()).isIn(200, 202, 429);
                    JsonNode b = Json.mapper().readTree(r.body());
                    switch (r.statusCode()) {
                        case 200 -> decided++;
                        case 202 -> {
                            accepted++;
                            polled.add(b.path("incident_id").asText());
                        }
                        default -> {
                            refused++;
                            assertThat(r.headers().firstValue("Retry-After")).isPresent();
                        }
                    }
                }
                for (String id : polled) {
                    int status = 202;
                    for (int tries = 0; tries < 300 && status == 202; tries++) {
                        status = http.send(HttpRequest.newBuilder(URI.create(base + "/incidents/" + id)).GET().build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode();
                        if (status == 202) {
                            Thread.sleep(100);
                        }
                    }
                    assertThat(status).as("incident " + id + " completes").isEqualTo(200);
                }
                assertThat(decided + accepted + refused).isEqualTo(200);
                assertThat(server.runsStarted()).isEqualTo(20);
                assertThat(wf.recentIncidents()).hasSize(20);
            }
        }
    }

    @Test
    void beyondTheQueueTheServerAnswers429WithRetryAfter() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        io.sreagent.core.tool.Tool slow = io.sreagent.core.tool.Tools.of("k8s.analyze", "blocks until released",
                io.sreagent.core.tool.Tools.schema().build(), io.sreagent.core.tool.SafetyClass.READ_ONLY, inv -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return io.sreagent.core.tool.ToolResult.ok(Json.object(), "nothing");
                });
        SreWorkflow wf = SreWorkflow.builder().tools(io.sreagent.core.tool.ToolRegistry.builder().register(slow).build()).build();
        try (SreServer server = SreServer.builder(wf).concurrency(1).queue(1).decideWait(Duration.ofMillis(100))
                .build().start("127.0.0.1", 0)) {
            HttpClient http = HttpClient.newHttpClient();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String body = "{\"namespace\": \"shop\", \"resource_kind\": \"Pod\", \"resource_name\": \"p-" + i + "\"}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decide"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                statuses.add(r.statusCode());
                if (r.statusCode() == 429) {
                    assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
                    assertThat(Json.mapper().readTree(r.body()).path("error").asText()).contains("too many");
                }
            }
            release.countDown();
            assertThat(statuses).containsExactly(202, 202, 429);
        }
    }
}
