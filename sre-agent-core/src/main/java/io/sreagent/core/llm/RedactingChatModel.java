package io.sreagent.core.llm;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.sreagent.core.redaction.Redactor;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link ChatModel} that redacts every message before it leaves the process: system, user and tool-result texts,
 * and the model's own earlier text and tool-call arguments as they are sent back. The last line of defence: what
 * agents put into a prompt is redacted already, this makes sure of it whatever a host's agent does.
 *
 * <p>Messages that are not plain text (images, audio) are refused, since they cannot be redacted.
 */
public final class RedactingChatModel implements ChatModel {

    private final ChatModel delegate;
    private final Redactor redactor;

    /** Wraps {@code delegate}. */
    public RedactingChatModel(ChatModel delegate, Redactor redactor) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** {@code model} wrapped, unless it is wrapped already. */
    public static ChatModel wrap(ChatModel model) {
        return model instanceof RedactingChatModel ? model : new RedactingChatModel(model, new Redactor());
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        List<ChatMessage> redacted = request.messages().stream().map(this::redact).toList();
        return delegate.chat(request.toBuilder().messages(redacted).build());
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public dev.langchain4j.model.chat.request.ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    private ChatMessage redact(ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return SystemMessage.from(redactor.redact(s.text()));
        }
        if (m instanceof UserMessage u) {
            if (!u.hasSingleText()) {
                throw new IllegalArgumentException("only text messages can be sent to a model (they must be redacted)");
            }
            return u.name() == null ? UserMessage.from(redactor.redact(u.singleText()))
                    : UserMessage.from(u.name(), redactor.redact(u.singleText()));
        }
        if (m instanceof ToolExecutionResultMessage t) {
            return ToolExecutionResultMessage.from(t.id(), t.toolName(), redactor.redact(t.text()));
        }
        if (m instanceof AiMessage a) {
            List<ToolExecutionRequest> calls = a.hasToolExecutionRequests() ? a.toolExecutionRequests().stream()
                    .map(c -> c.toBuilder().arguments(redactor.redact(c.arguments())).build()).toList() : List.of();
            String text = a.text() == null ? null : redactor.redact(a.text());
            return calls.isEmpty() ? AiMessage.from(text == null ? "" : text)
                    : text == null ? AiMessage.from(calls) : AiMessage.from(text, calls);
        }
        throw new IllegalArgumentException("cannot redact a " + m.type() + " message; only text messages are sent");
    }
}
