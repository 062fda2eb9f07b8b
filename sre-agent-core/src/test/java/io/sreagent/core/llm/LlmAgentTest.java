package io.sreagent.core.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.event.EventBus;
import io.sreagent.core.message.HandoffMessage;
import io.sreagent.core.message.Message;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.support.Json;
import io.sreagent.core.testing.Fixtures;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.tool.Tools;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LlmAgentTest {

    /** A model that answers from a script and keeps every request it got. */
    static final class ScriptedModel implements ChatModel {
        final Deque<AiMessage> script = new ArrayDeque<>();
        final List<ChatRequest> requests = new ArrayList<>();

        ScriptedModel then(AiMessage m) {
            script.add(m);
            return this;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            AiMessage next = script.isEmpty() ? AiMessage.from("(script exhausted)") : script.poll();
            return ChatResponse.builder().aiMessage(next).tokenUsage(new TokenUsage(100, 20)).build();
        }

        List<ChatMessage> lastMessages() {
            return requests.get(requests.size() - 1).messages();
        }
    }

    private static AiMessage call(String id, String name, String args) {
        return AiMessage.from(ToolExecutionRequest.builder().id(id).name(name).arguments(args).build());
    }

    private final AtomicInteger podCalls = new AtomicInteger();
    private final AtomicInteger eventCalls = new AtomicInteger();
    private final ToolRegistry registry = ToolRegistry.builder()
            .register(Tools.of("k8s.get_pod", "reads a pod", Tools.schema().required("name", "pod name").build(),
                    SafetyClass.READ_ONLY, inv -> {
                        podCalls.incrementAndGet();
                        return ToolResult.ok(Json.object().put("phase", "Running"), "pod " + inv.arg("name", "?") + " last terminated OOMKilled");
                    }))
            .register(Tools.of("k8s.events", "reads events", Tools.schema().required("name", "object name").build(),
                    SafetyClass.READ_ONLY, inv -> {
                        eventCalls.incrementAndGet();
                        return ToolResult.ok(Json.object(), "BackOff x12");
                    }))
            .build();

    private AgentContext ctx() {
        return Fixtures.context(registry, new EventBus(Runnable::run), Runnable::run);
    }

    @Test
    void completesATwoToolConversationAndRefusesAThirdIdenticalCall() {
        ScriptedModel model = new ScriptedModel()
                .then(call("1", "k8s__get_pod", "{\"name\":\"cart-1\"}"))
                .then(call("2", "k8s__events", "{\"name\":\"cart-1\"}"))
                .then(call("3", "k8s__get_pod", "{ \"name\" : \"cart-1\" }"))
                .then(AiMessage.from("cart-1 is OOMKilled: raise its memory limit."));
        LlmAgent agent = LlmAgent.builder("triage", model).build();
        AgentContext ctx = ctx();

        AgentResponse r = agent.respond(List.of(new TextMessage("user", Fixtures.NOW, "why is cart crashing?")), ctx);

        assertThat(podCalls).hasValue(1);
        assertThat(eventCalls).hasValue(1);
        assertThat(r.messages()).last().isInstanceOfSatisfying(TextMessage.class,
                t -> assertThat(t.content()).contains("raise its memory limit"));
        ToolExecutionResultMessage third = (ToolExecutionResultMessage) model.lastMessages().get(model.lastMessages().size() - 1);
        assertThat(third.id()).isEqualTo("3");
        assertThat(third.text()).startsWith("refused: this exact call");
        assertThat(model.requests.get(0).toolSpecifications()).extracting(s -> s.name())
                .containsExactlyInAnyOrder("k8s__get_pod", "k8s__events");
        assertThat(ctx.workflow().tokenUsage().total()).isEqualTo(4 * 120);
        // Both real calls are in the transcript as tool call and tool result messages.
        assertThat(ctx.workflow().transcript()).extracting(Message::render)
                .filteredOn(s -> s.startsWith("call ")).hasSize(2);
    }

    @Test
    void malformedArgumentsAreAnsweredWithAnErrorToTheModel() {
        ScriptedModel model = new ScriptedModel()
                .then(call("1", "k8s__get_pod", "{name: cart"))
                .then(AiMessage.from("sorry"));
        LlmAgent agent = LlmAgent.builder("triage", model).build();

        AgentResponse r = agent.respond(List.of(), ctx());

        assertThat(podCalls).hasValue(0);
        ToolExecutionResultMessage answer = (ToolExecutionResultMessage) model.lastMessages().get(model.lastMessages().size() - 1);
        assertThat(answer.text()).startsWith("error: arguments of k8s__get_pod are not valid JSON");
        assertThat(r.messages()).extracting(Message::render).containsExactly("sorry");
    }

    @Test
    void declaredHandoffsAreOfferedAsTransferTools() {
        ScriptedModel model = new ScriptedModel().then(call("1", "transfer_to_metrics", "{}"));
        LlmAgent agent = LlmAgent.builder("triage", model).handoff("metrics", "memory questions").build();

        AgentResponse r = agent.respond(List.of(), ctx());

        assertThat(r.handoff()).map(HandoffMessage::target).hasValue("metrics");
    }

    @Test
    void theToolLoopIsBounded() {
        ScriptedModel model = new ScriptedModel();
        for (int i = 0; i < 10; i++) {
            model.then(call(String.valueOf(i), "k8s__get_pod", "{\"name\":\"p" + i + "\"}"));
        }
        LlmAgent agent = LlmAgent.builder("triage", model).maxIterations(3).build();

        AgentResponse r = agent.respond(List.of(), ctx());

        assertThat(model.requests).hasSize(3);
        assertThat(r.messages()).last().extracting(Message::render).asString().contains("stopped after 3 model calls");
    }
}
