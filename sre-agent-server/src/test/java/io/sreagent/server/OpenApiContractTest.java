package io.sreagent.server;

import static io.sreagent.server.SreServerTest.post;
import static io.sreagent.server.SreServerTest.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.support.Json;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the server agree: every documented operation answers with a documented status, request
 * bodies accept exactly the documented fields, and responses hold exactly the documented fields.
 */
class OpenApiContractTest {

    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        SreServerTest.start();
        doc = send(SreServerTest.open, "GET", "/openapi.json", null, null).body();
    }

    @AfterAll
    static void stop() {
        SreServerTest.stop();
    }

    static JsonNode schema(String name) {
        return doc.path("components").path("schemas").path(name);
    }

    static Set<String> fields(JsonNode schema) {
        Set<String> out = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void requestBodiesAcceptExactlyTheDocumentedFields() throws Exception {
        assertThat(fields(schema("DecideRequest"))).isEqualTo(new TreeSet<>(SreServer.DECIDE_FIELDS));
        assertThat(fields(schema("ExecuteRequest"))).isEqualTo(new TreeSet<>(SreServer.EXECUTE_FIELDS));
        Set<String> kinds = new TreeSet<>();
        schema("DecideRequest").path("properties").path("resource_kind").path("enum").forEach(k -> kinds.add(k.asText()));
        assertThat(kinds).isEqualTo(new TreeSet<>(SreServer.KINDS));
        // Every documented field is accepted by the server; an undocumented one is refused.
        var body = Json.object().put("event_type", "Warning").put("namespace", "shop").put("resource_kind", "Pod")
                .put("resource_name", "cart-7d9f8b6c5-x2k4q");
        body.putObject("event_data").put("reason", "BackOff");
        assertThat(post("/decide", Json.write(body)).status()).isEqualTo(200);
        assertThat(post("/decide", Json.write(body.put("undocumented", 1))).status()).isEqualTo(422);
    }

    @Test
    void responsesHoldExactlyTheDocumentedFields() throws Exception {
        JsonNode decision = post("/decide", SreServerTest.trigger()).body();
        assertThat(fieldsOf(decision)).isEqualTo(fields(schema("Decision")));
        JsonNode action = decision.path("actions").get(0);
        assertThat(fields(schema("Action"))).containsAll(fieldsOf(action));
        assertThat(fieldsOf(action)).containsAll(required(schema("Action")));
        assertThat(fieldsOf(decision.path("root_cause"))).isEqualTo(fields(schema("Decision").path("properties").path("root_cause")));
        JsonNode record = send(SreServerTest.open, "GET", "/incidents/" + decision.path("incident_id").asText(), null, null).body();
        assertThat(fieldsOf(record)).isEqualTo(fields(schema("IncidentRecord")));
        JsonNode list = send(SreServerTest.open, "GET", "/incidents", null, null).body();
        assertThat(fieldsOf(list)).isEqualTo(fields(schema("IncidentList")));
        assertThat(fieldsOf(list.path("incidents").get(0)))
                .isEqualTo(fields(schema("IncidentList").path("properties").path("incidents").path("items")));
        JsonNode error = post("/decide", "{}").body();
        assertThat(fields(schema("Error"))).containsAll(fieldsOf(error));
    }

    @Test
    void everyDocumentedOperationAnswersWithADocumentedStatus() throws Exception {
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> methods = doc.path("paths").path(path).fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                JsonNode op = doc.path("paths").path(path).path(method);
                String concrete = path.replace("{id}", "inc-unknown");
                byte[] body = method.equals("post") ? (path.equals("/execute")
                        ? "{\"incident_id\": \"inc-unknown\", \"action_id\": \"act-1\", \"approved_by\": \"alice\"}"
                        : path.equals("/deny")
                        ? "{\"incident_id\": \"inc-unknown\", \"action_id\": \"act-1\", \"denied_by\": \"alice\"}"
                        : SreServerTest.trigger()).getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
                int status = op.path("responses").path("200").path("content").has("text/html")
                        ? java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + SreServerTest.open.port() + concrete)).build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()
                        : send(SreServerTest.open, method.toUpperCase(java.util.Locale.ROOT), concrete, body, null).status();
                Set<String> documented = new HashSet<>();
                op.path("responses").fieldNames().forEachRemaining(documented::add);
                assertThat(documented).as(method + " " + path).contains(Integer.toString(status));
            }
        }
    }

    @Test
    void theDocsAndRedocRenderFromLocalFiles() throws Exception {
        for (String page : new String[] {"/docs", "/redoc"}) {
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + SreServerTest.open.port() + page)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("/openapi.json").doesNotContain("https://").doesNotContain("http://");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:src|href)=\"(/static/[^\"]+)\"").matcher(r.body());
            int assets = 0;
            while (m.find()) {
                var a = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + SreServerTest.open.port() + m.group(1))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                assertThat(a.statusCode()).as(m.group(1)).isEqualTo(200);
                assertThat(a.body().length).as(m.group(1)).isGreaterThan(10_000);
                assets++;
            }
            assertThat(assets).isPositive();
        }
    }

    static Set<String> fieldsOf(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static Set<String> required(JsonNode schema) {
        Set<String> out = new TreeSet<>();
        schema.path("required").forEach(r -> out.add(r.asText()));
        return out;
    }
}
