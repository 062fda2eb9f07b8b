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
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web chat's WebSocket, with the JDK's client: Origin, authentication by first message, streamed runs, answers. */
class ChatSocketTest {

    static final String TOKEN = "socket-token-0123456789";
    static EmbeddedScenario incident;
    static SreServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        incident = EmbeddedScenario.startResource(ExampleScenarios.resource("cart-oom-killed"));
        SreWorkflow wf = SreWorkflow.builder().tools(incident.tools()).clock(incident.clock()).build();
        server = SreServer.create(wf, Map.of(TOKEN, "tester")).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
        incident.close();
    }

    /** A client that keeps every message and how the socket closed. */
    static final class Client implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder part = new StringBuilder();
        WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                try {
                    messages.add(Json.mapper().readTree(part.toString()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                part.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        Client send(String json) {
            ws.sendText(json, true).join();
            return this;
        }

        JsonNode await(String type, java.util.function.Predicate<JsonNode> also) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < until) {
                for (JsonNode m : messages) {
                    if (type.equals(m.path("type").asText()) && also.test(m)) {
                        return m;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no " + type + " message; got " + messages);
        }
    }

    static Client connect(String origin) {
        Client c = new Client();
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        if (origin != null) {
            b.header("Origin", origin);
        }
        c.ws = b.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + ChatSocket.PATH), c).join();
        return c;
    }

    @Test
    void aForeignOriginIsRefused() throws Exception {
        Client c = connect("http://evil.example");
        assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(c.messages).isEmpty();
    }

    @Test
    void anythingButAValidTokenFirstClosesTheSocket() throws Exception {
        Client wrong = connect("http://127.0.0.1:" + server.port()).send("{\"type\": \"auth\", \"token\": \"nope\"}");
        assertThat(wrong.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4401);
        Client early = connect(null).send("{\"type\": \"ask\", \"incident_id\": \"x\", \"question\": \"why?\"}");
        assertThat(early.closed.get(10, TimeUnit.SECONDS)).isEqualTo(4401);
        assertThat(early.messages).noneMatch(m -> "answer".equals(m.path("type").asText()));
    }

    @Test
    void aRunStreamsToTheSocketAndQuestionsAreAnswered() throws Exception {
        Client c = connect("http://127.0.0.1:" + server.port()).send("{\"type\": \"auth\", \"token\": \"" + TOKEN + "\"}");
        assertThat(c.await("ready", m -> true).path("identity").asText()).isEqualTo("tester");

        String body = Json.write(Json.mapper().valueToTree(incident.scenario().trigger()));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/decide"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String id = Json.mapper().readTree(r.body()).path("incident_id").asText();

        c.await("incident", m -> id.equals(m.path("incident_id").asText()) && "running".equals(m.path("status").asText()));
        JsonNode decided = c.await("incident", m -> id.equals(m.path("incident_id").asText())
                && "decided".equals(m.path("status").asText()));
        assertThat(decided.path("category").asText()).isEqualTo("OOM_KILLED");
        List<String> kinds = c.messages.stream().filter(m -> "event".equals(m.path("type").asText())
                && id.equals(m.path("incident_id").asText())).map(m -> m.path("event").path("event").asText()).toList();
        assertThat(kinds).contains("turn", "tool_call", "tool_result", "message", "decision");
        // Events arrive in their run's order: every turn before the decision.
        assertThat(kinds.lastIndexOf("turn")).isLessThan(kinds.indexOf("decision"));

        c.send("{\"type\": \"ask\", \"incident_id\": \"" + id + "\", \"question\": \"what else did you consider?\"}");
        c.await("answer", m -> m.path("done").asBoolean());
        String answer = c.messages.stream().filter(m -> "answer".equals(m.path("type").asText()))
                .map(m -> m.path("chunk").asText("")).reduce("", String::concat);
        assertThat(answer).containsAnyOf("Besides OOM_KILLED", "No other cause was considered");

        c.send("{\"type\": \"ask\", \"incident_id\": \"inc-nope\", \"question\": \"why?\"}");
        assertThat(c.await("error", m -> true).path("error").asText()).contains("no incident inc-nope");
    }
}
