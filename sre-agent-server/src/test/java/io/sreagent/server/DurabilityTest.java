package io.sreagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.support.Json;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.scenario.ExampleScenarios;
import io.sreagent.workflow.FileIncidentStore;
import io.sreagent.workflow.SreWorkflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incidents and pending approvals survive a restart of the server; an approval executes once. */
class DurabilityTest {

    @TempDir
    Path store;

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> post(SreServer s, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static SreServer server(EmbeddedScenario incident, Path store) {
        SreWorkflow wf = SreWorkflow.builder().tools(incident.tools()).clock(incident.clock())
                .store(new FileIncidentStore(store, 100)).build();
        return SreServer.create(wf).start("127.0.0.1", 0);
    }

    static String awaiting(JsonNode decision) {
        for (JsonNode a : decision.path("actions")) {
            if (a.path("status").asText().equals("AWAITING_APPROVAL")) {
                return a.path("id").asText();
            }
        }
        throw new AssertionError("no action awaits approval in " + decision);
    }

    @Test
    void anApprovalAfterARestartExecutesOnceAndAChangedObjectIsRefused() throws Exception {
        try (EmbeddedScenario incident = EmbeddedScenario.startResource(ExampleScenarios.resource("cart-oom-killed"))) {
            String trigger = Json.write(incident.scenario().trigger());
            JsonNode first;
            JsonNode second;
            try (SreServer before = server(incident, store)) {
                first = Json.mapper().readTree(post(before, "/decide", trigger).body());
            }
            try (SreServer other = server(incident, store)) {
                second = Json.mapper().readTree(post(other, "/decide", trigger).body());
            }
            assertThat(second.path("incident_id").asText()).isNotEqualTo(first.path("incident_id").asText());

            try (SreServer after = server(incident, store)) {
                String approval = Json.write(Map.of("incident_id", first.path("incident_id").asText(),
                        "action_id", awaiting(first), "approved_by", "alice"));
                // Two approvals at once: one executes, the other is told it is done.
                List<CompletableFuture<HttpResponse<String>>> both = List.of(
                        CompletableFuture.supplyAsync(() -> send(after, approval)),
                        CompletableFuture.supplyAsync(() -> send(after, approval)));
                List<Integer> statuses = both.stream().map(f -> f.join().statusCode()).sorted().toList();
                assertThat(statuses).containsExactly(200, 409);
                JsonNode done = Json.mapper().readTree(both.stream().map(CompletableFuture::join)
                        .filter(r -> r.statusCode() == 200).findFirst().orElseThrow().body());
                assertThat(done.path("status").asText()).isEqualTo("EXECUTED_DRY_RUN");
                // Both attempts are on the incident's record.
                JsonNode approvals = Json.mapper().readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + after.port() + "/incidents/" + first.path("incident_id").asText())).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).path("approvals");
                assertThat(approvals).hasSize(2);
                assertThat(approvals.toString()).contains("EXECUTED_DRY_RUN").contains("refused");

                // The object changes after the second decision: its approval is refused, nothing runs on stale facts.
                incident.kubernetes().apps().deployments().inNamespace("shop").withName("cart")
                        .edit(d -> {
                            d.getMetadata().getAnnotations().put("changed-by", "someone-else");
                            return d;
                        });
                HttpResponse<String> stale = post(after, "/execute", Json.write(Map.of("incident_id",
                        second.path("incident_id").asText(), "action_id", awaiting(second), "approved_by", "bob")));
                JsonNode refused = Json.mapper().readTree(stale.body());
                // The preview recorded the object's resourceVersion; the tool refuses a change to a newer object.
                assertThat(refused.path("params").has("expected_resource_version")).isTrue();
                assertThat(refused.path("status").asText()).as(stale.body()).isEqualTo("FAILED");
            }
        }
    }

    static HttpResponse<String> send(SreServer s, String body) {
        try {
            return post(s, "/execute", body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
