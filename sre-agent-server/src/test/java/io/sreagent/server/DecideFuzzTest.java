package io.sreagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.workflow.SreWorkflow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code POST /decide} and {@code POST /execute} with mutated and arbitrary bodies: the server answers 200, 202 or a
 * 4xx with {@code {"error","field"}}, never a 5xx, and never echoes the body.
 */
class DecideFuzzTest {

    static final String BODY = "{\"event_type\": \"Warning\", \"namespace\": \"shop\", \"resource_kind\": \"Pod\", "
            + "\"resource_name\": \"cart-1\", \"event_data\": {\"reason\": \"BackOff\", \"message\": \"hunter2Secret!\"}}";
    static SreServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeContainer
    static void start() {
        server = SreServer.create(SreWorkflow.builder().build()).start("127.0.0.1", 0);
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<String> mutated() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, BODY.length() - 1),
                Arbitraries.of('{', '}', '"', ':', ',', '[', ']', '1', 'x', '\\', ' ', '\u0000', '\u00ff'),
                Arbitraries.integers().between(0, 2)).as((i, c, op) -> switch (op) {
                    case 0 -> BODY.substring(0, i) + c + BODY.substring(i + 1);
                    case 1 -> BODY.substring(0, i);
                    default -> BODY.substring(0, i) + c + c + BODY.substring(i);
                });
    }

    static void answered(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 202, 400, 404, 409, 413, 415, 422);
        if (r.statusCode() >= 400) {
            assertThat(r.body()).contains("\"error\"").doesNotContain("hunter2Secret!");
        }
    }

    @Property(tries = 200, seed = "20261202")
    void aMutatedDecideBodyIsAnsweredWithoutA5xx(@ForAll("mutated") String body) throws Exception {
        answered("/decide", body);
    }

    @Property(tries = 150, seed = "20261202")
    void anyBodyToDecideOrExecuteIsAnsweredWithoutA5xx(@ForAll String body) throws Exception {
        answered("/decide", body);
        answered("/execute", body);
    }
}
