package io.sreagent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.support.Json;
import io.sreagent.testkit.EmbeddedScenario;
import io.sreagent.testkit.scenario.ExampleScenarios;
import io.sreagent.workflow.SreWorkflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP API over a frozen incident served by the embedded Kubernetes, Prometheus and Loki APIs. */
class SreServerTest {

    static final String TOKEN = "team-a-token-0123456789";
    static EmbeddedScenario incident;
    static SreServer open;
    static SreServer guarded;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        incident = EmbeddedScenario.startResource(ExampleScenarios.resource("cart-oom-killed"));
        SreWorkflow wf = SreWorkflow.builder().tools(incident.tools()).clock(incident.clock()).build();
        open = SreServer.builder(wf).health(BackendHealth.of(incident.tools(), java.time.Duration.ofMillis(200))).build()
                .start("127.0.0.1", 0);
        guarded = SreServer.create(wf, Map.of(TOKEN, "team-a")).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        open.close();
        guarded.close();
        incident.close();
    }

    record Reply(int status, JsonNode body) {
    }

    static Reply send(SreServer server, String method, String path, byte[] body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? Json.object() : Json.mapper().readTree(r.body()));
    }

    static Reply post(String path, String body) throws Exception {
        return send(open, "POST", path, body.getBytes(StandardCharsets.UTF_8), null);
    }

    static String trigger() {
        return Json.write(incident.scenario().trigger());
    }

    @Test
    void aPersonDeniesAnActionAndItCanNoLongerRun() throws Exception {
        // Another reason: a run of its own, not the one the approval test shares.
        com.fasterxml.jackson.databind.node.ObjectNode t = Json.mapper().valueToTree(incident.scenario().trigger());
        t.withObjectProperty("event_data").put("reason", "OOMKilling");
        Reply d = post("/decide", t.toString());
        String id = d.body().path("incident_id").asText();
        String action = null;
        for (JsonNode a : d.body().path("actions")) {
            if (a.path("status").asText().equals("AWAITING_APPROVAL")) {
                action = a.path("id").asText();
            }
        }
        assertThat(action).isNotNull();
        Reply denied = post("/deny", Json.write(Map.of("incident_id", id, "action_id", action, "denied_by", "bob")));
        assertThat(denied.status()).isEqualTo(200);
        assertThat(denied.body().path("status").asText()).isEqualTo("DENIED");
        assertThat(denied.body().path("outcome").path("denied_by").asText()).isEqualTo("bob");
        Reply run = post("/execute", Json.write(Map.of("incident_id", id, "action_id", action, "approved_by", "alice")));
        assertThat(run.status()).isEqualTo(409);
        assertThat(send(open, "GET", "/incidents/" + id, null, null).body().path("actions").toString()).contains("DENIED");
        assertThat(post("/deny", Json.write(Map.of("incident_id", id, "action_id", action))).status()).isEqualTo(422);
        // The evidence view of the incident: the series the metric team read, ready to draw.
        JsonNode view = send(open, "GET", "/incidents/" + id + "/evidence", null, null).body();
        assertThat(view.path("series")).isNotEmpty();
        assertThat(view.path("series").findValuesAsText("metric")).contains("memory_working_set_ratio");
        assertThat(view.path("series").get(0).path("points").size()).isBetween(2, 120);
        assertThat(send(open, "GET", "/incidents/inc-none/evidence", null, null).status()).isEqualTo(404);
    }

    @Test
    void decideStoresTheIncidentAndAPersonApprovesAnActionOnce() throws Exception {
        Reply d = post("/decide", trigger());
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.body().path("root_cause").path("category").asText()).isEqualTo("OOM_KILLED");
        String id = d.body().path("incident_id").asText();

        assertThat(send(open, "GET", "/incidents/" + id, null, null).body().path("incident_id").asText()).isEqualTo(id);
        String action = null;
        for (JsonNode a : d.body().path("actions")) {
            if (a.path("status").asText().equals("AWAITING_APPROVAL")) {
                action = a.path("id").asText();
            }
        }
        assertThat(action).isNotNull();
        String approval = Json.write(Map.of("incident_id", id, "action_id", action, "approved_by", "alice"));
        Reply done = post("/execute", approval);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().path("status").asText()).isEqualTo("EXECUTED_DRY_RUN");
        Reply again = post("/execute", approval);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("field").asText()).isEqualTo("action_id");
        assertThat(post("/decision", trigger()).status()).isEqualTo(200);
        // The stored decision shows what became of the action; the list pages the kept incidents.
        assertThat(send(open, "GET", "/incidents/" + id, null, null).body().path("actions").toString())
                .contains("EXECUTED_DRY_RUN");
        Reply list = send(open, "GET", "/incidents?limit=1", null, null);
        assertThat(list.body().path("incidents")).hasSize(1);
        assertThat(list.body().path("total").asInt()).isPositive();
        assertThat(send(open, "GET", "/incidents?limit=x", null, null).body().path("field").asText()).isEqualTo("limit");
        assertThat(send(open, "GET", "/workflow/info", null, null).body().path("teams")).isNotEmpty();
        JsonNode health = send(open, "GET", "/health", null, null).body();
        for (int i = 0; i < 50 && health.path("backends").path("kubernetes").path("status").asText().equals("checking"); i++) {
            Thread.sleep(100);
            health = send(open, "GET", "/health", null, null).body();
        }
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("backends").path("kubernetes").path("status").asText()).isEqualTo("ok");
        assertThat(health.path("backends").path("prometheus").has("latency_ms")).isTrue();
    }

    @Test
    void theOriginalDesignsExampleBodyGetsADecisionNotAnError() throws Exception {
        Reply r = post("/decide", "{\"event_type\":\"Warning\",\"namespace\":\"default\",\"resource_name\":\"test-pod\","
                + "\"resource_kind\":\"Pod\",\"event_data\":{\"message\":\"Pod CrashLoopBackOff\"}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().has("root_cause")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "invalid json | {\"namespace\": | 400 | ",
        "not an object | [1, 2] | 400 | ",
        "wrong type | {\"namespace\": 3, \"resource_kind\": \"Pod\", \"resource_name\": \"x\"} | 422 | namespace",
        "missing name | {\"namespace\": \"shop\", \"resource_kind\": \"Pod\"} | 422 | resource_name",
        "unknown field | {\"namespace\": \"shop\", \"resource_kind\": \"Pod\", \"resource_name\": \"x\", \"extra\": 1} | 422 | extra",
        "unknown kind | {\"namespace\": \"shop\", \"resource_kind\": \"Gadget\", \"resource_name\": \"x\"} | 422 | resource_kind",
        "traversal | {\"namespace\": \"shop\", \"resource_kind\": \"Pod\", \"resource_name\": \"../secrets/x\"} | 422 | resource_name",
        "event_data not object | {\"namespace\": \"shop\", \"resource_kind\": \"Pod\", \"resource_name\": \"x\", \"event_data\": 1} | 422 | event_data",
    })
    void badInputIsA4xxNamingTheField(String name, String body, int status, String field) throws Exception {
        Reply r = post("/decide", body);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.body().path("error").asText()).isNotEmpty();
        if (field != null) {
            assertThat(r.body().path("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void hugeDeepAndNonUtf8BodiesAre4xxNever5xx() throws Exception {
        byte[] big = ("{\"event_data\": {\"message\": \"" + "x".repeat(5 << 20) + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertThat(send(open, "POST", "/decide", big, null).status()).isBetween(400, 499);
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(post("/decide", deep).status()).isEqualTo(400);
        byte[] latin1 = "{\"namespace\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Reply r = send(open, "POST", "/decide", latin1, null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("error").asText()).contains("UTF-8");
        assertThat(post("/execute", "{\"incident_id\": \"inc-x\", \"action_id\": \"act-1\", \"approved_by\": \"a\"}").status())
                .isEqualTo(404);
        assertThat(send(open, "GET", "/incidents/inc-nope", null, null).status()).isEqualTo(404);
        String known = post("/decide", trigger()).body().path("incident_id").asText();
        Reply unknownAction = post("/execute", "{\"incident_id\": \"" + known + "\", \"action_id\": \"act-99\", \"approved_by\": \"a\"}");
        assertThat(unknownAction.status()).isEqualTo(404);
        assertThat(unknownAction.body().path("field").asText()).isEqualTo("action_id");
        // CORS is closed: no origin is allowed to read answers from a browser.
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + open.port() + "/decide"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(send(open, "GET", "/nothing", null, null).status()).isEqualTo(404);
    }

    @Test
    void aTokenGuardsEveryEndpointButHealth() throws Exception {
        assertThat(send(guarded, "GET", "/workflow/info", null, null).status()).isEqualTo(401);
        assertThat(send(guarded, "GET", "/workflow/info", null, "wrong-token-0123456789").status()).isEqualTo(401);
        assertThat(send(guarded, "GET", "/workflow/info", null, TOKEN).status()).isEqualTo(200);
        assertThat(send(guarded, "POST", "/decide", trigger().getBytes(StandardCharsets.UTF_8), null).status()).isEqualTo(401);
        assertThat(send(guarded, "GET", "/health", null, null).status()).isEqualTo(200);
    }

    @Test
    void withoutATokenTheServerRefusesToListenBeyondLoopback() {
        SreWorkflow wf = SreWorkflow.builder().build();
        assertThatThrownBy(() -> SreServer.create(wf).start("0.0.0.0", 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SRE_AGENT_API_TOKEN");
        assertThatThrownBy(() -> SreServer.create(wf, Map.of("short", "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
