package io.sreagent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.support.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An OpenAI-compatible chat-completions server on okhttp's MockWebServer that answers from a script: the script sees
 * each request (parsed) and returns the assistant message; every request body is kept, and every answer reports the
 * given token usage.
 */
final class FakeOpenAi implements AutoCloseable {

    /** A request as the server received it. */
    record Received(String body, JsonNode json, int promptTokens, int completionTokens) {
        /** Which of our agents sent it, from its system prompt. */
        String agent() {
            String system = json.path("messages").path(0).path("content").asText();
            return system.startsWith("You triage") || system.startsWith("Triage this") ? "triage"
                    : system.contains("review") ? "summariser" : "other";
        }

        /** Tool results in the request. */
        List<JsonNode> toolMessages() {
            List<JsonNode> out = new ArrayList<>();
            json.path("messages").forEach(m -> {
                if ("tool".equals(m.path("role").asText())) {
                    out.add(m);
                }
            });
            return out;
        }

        /** Function names offered. */
        List<String> tools() {
            List<String> out = new ArrayList<>();
            json.path("tools").forEach(t -> out.add(t.path("function").path("name").asText()));
            return out;
        }
    }

    private final MockWebServer server = NoDelaySockets.server();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    FakeOpenAi(int promptTokens, int completionTokens, Function<Received, ObjectNode> script) throws IOException {
        this(promptTokens, completionTokens, script, java.time.Duration.ZERO);
    }

    /** As above, each answer's headers sent only after {@code delay} (a model that times out). */
    FakeOpenAi(int promptTokens, int completionTokens, Function<Received, ObjectNode> script, java.time.Duration delay)
            throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                Received r;
                try {
                    r = new Received(body, Json.mapper().readTree(body), promptTokens, completionTokens);
                } catch (IOException e) {
                    return new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"bad json\"}}").build();
                }
                received.add(r);
                ObjectNode message = script.apply(r);
                ObjectNode resp = Json.object().put("id", "cmpl-" + received.size()).put("object", "chat.completion")
                        .put("created", 1).put("model", r.json().path("model").asText());
                ObjectNode choice = resp.putArray("choices").addObject().put("index", 0);
                choice.set("message", message.put("role", "assistant"));
                choice.put("finish_reason", message.has("tool_calls") ? "tool_calls" : "stop");
                resp.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                        .put("total_tokens", promptTokens + completionTokens);
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                        .headersDelay(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .body(resp.toString()).build();
            }
        });
        server.start();
    }

    /** The base URL to give {@code --openai-base-url}. */
    String baseUrl() {
        return server.url("/v1").toString();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** An assistant message with text. */
    static ObjectNode answer(String text) {
        return Json.object().put("content", text);
    }

    /** An assistant message asking for tool calls: name, arguments JSON, name, arguments JSON... */
    static ObjectNode call(String... nameThenArgs) {
        ObjectNode m = Json.object();
        m.putNull("content");
        ArrayNode calls = m.putArray("tool_calls");
        for (int i = 0; i < nameThenArgs.length; i += 2) {
            ObjectNode c = calls.addObject().put("id", "call_" + i).put("type", "function");
            c.putObject("function").put("name", nameThenArgs[i]).put("arguments", nameThenArgs[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        server.close();
    }
}
