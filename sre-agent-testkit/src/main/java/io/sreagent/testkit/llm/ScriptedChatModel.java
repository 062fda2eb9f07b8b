package io.sreagent.testkit.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A langchain4j {@link ChatModel} that answers from a script, for testing LLM agents without a network: each
 * request takes the next scripted answer; every request is kept for assertions.
 *
 * <pre>{@code
 * ScriptedChatModel model = new ScriptedChatModel()
 *         .thenCall("k8s__get_pod", "{\"name\":\"cart-1\"}")
 *         .thenAnswer("cart-1 is OOMKilled");
 * }</pre>
 * Thread-safe. When the script is exhausted it throws, so a test notices an unexpected extra call.
 */
public final class ScriptedChatModel implements ChatModel {

    private final Deque<AiMessage> script = new ArrayDeque<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private final int inputTokens;
    private final int outputTokens;
    private int callIds;

    /** A model reporting 100 input and 20 output tokens per answer. */
    public ScriptedChatModel() {
        this(100, 20);
    }

    /** A model reporting the given token usage per answer. */
    public ScriptedChatModel(int inputTokens, int outputTokens) {
        this.inputTokens = inputTokens;
        this.outputTokens = outputTokens;
    }

    /** Next, answer with text. */
    public synchronized ScriptedChatModel thenAnswer(String text) {
        script.add(AiMessage.from(text));
        return this;
    }

    /** Next, ask for a tool call (function name as the model sees it, arguments as JSON). */
    public synchronized ScriptedChatModel thenCall(String function, String argumentsJson) {
        script.add(AiMessage.from(ToolExecutionRequest.builder().id("call-" + (++callIds)).name(function)
                .arguments(argumentsJson).build()));
        return this;
    }

    /** Next, answer with this message. */
    public synchronized ScriptedChatModel then(AiMessage message) {
        script.add(message);
        return this;
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        AiMessage next = script.poll();
        if (next == null) {
            throw new IllegalStateException("ScriptedChatModel: no scripted answer left for request " + requests.size());
        }
        return ChatResponse.builder().aiMessage(next).tokenUsage(new TokenUsage(inputTokens, outputTokens)).build();
    }

    /** The requests received so far. */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** Scripted answers not used yet. */
    public synchronized int remaining() {
        return script.size();
    }
}
