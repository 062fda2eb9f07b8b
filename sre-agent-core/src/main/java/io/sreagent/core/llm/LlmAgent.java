package io.sreagent.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.message.HandoffMessage;
import io.sreagent.core.message.Message;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.support.Json;
import io.sreagent.core.team.Handoff;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.workflow.TokenUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An agent whose turns are driven by a langchain4j {@link ChatModel}: our tools become tool specifications, declared
 * handoffs become {@code transfer_to_<agent>} tools, and the model calls them in a bounded loop.
 *
 * <p>Per turn: at most {@code maxIterations} model calls; a tool call identical (same tool, same arguments) to an
 * earlier one of the turn is refused with a message to the model instead of being run again; arguments that are not
 * a JSON object are answered with an error message to the model, never thrown. Token usage is added to the workflow
 * context. The model only sees tools this agent is allowed in its {@link AgentContext}.
 */
public final class LlmAgent implements Agent {

    private static final String TRANSFER_PREFIX = "transfer_to_";

    private final String name;
    private final String description;
    private final ChatModel model;
    private final String systemPrompt;
    private final List<Handoff> handoffs;
    private final int maxIterations;

    private LlmAgent(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.model = b.model;
        this.systemPrompt = b.systemPrompt;
        this.handoffs = List.copyOf(b.handoffs);
        this.maxIterations = b.maxIterations;
    }

    /** Starts an LLM agent. */
    public static Builder builder(String name, ChatModel model) {
        return new Builder(name, model);
    }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        Map<String, String> toolByFunction = new HashMap<>();
        List<ToolSpecification> specs = new ArrayList<>();
        for (Tool t : ctx.tools().available()) {
            String fn = functionName(t.id());
            toolByFunction.put(fn, t.id());
            specs.add(ToolSpecification.builder().name(fn).description(t.description())
                    .parameters(Schemas.toObjectSchema(t.argumentsSchema())).build());
        }
        Map<String, String> handoffByFunction = new HashMap<>();
        for (Handoff h : handoffs) {
            String fn = TRANSFER_PREFIX + h.target().replaceAll("[^A-Za-z0-9_-]", "_");
            handoffByFunction.put(fn, h.target());
            specs.add(ToolSpecification.builder().name(fn).description(h.description())
                    .parameters(Schemas.toObjectSchema(Json.object().put("type", "object"))).build());
        }
        List<ChatMessage> history = new ArrayList<>();
        history.add(SystemMessage.from(systemPrompt));
        history.add(UserMessage.from(render(newMessages, ctx)));
        List<Message> out = new ArrayList<>();
        Set<String> seenCalls = new HashSet<>();
        for (int i = 0; i < maxIterations; i++) {
            ctx.cancellation().throwIfCancelled();
            ChatRequest.Builder req = ChatRequest.builder().messages(history);
            if (!specs.isEmpty()) {
                req.toolSpecifications(specs);
            }
            ChatResponse resp = model.chat(req.build());
            if (resp.tokenUsage() != null) {
                ctx.workflow().addTokens(new TokenUsage(orZero(resp.tokenUsage().inputTokenCount()),
                        orZero(resp.tokenUsage().outputTokenCount())));
            }
            AiMessage ai = resp.aiMessage();
            history.add(ai);
            if (ai.text() != null && !ai.text().isBlank()) {
                out.add(new TextMessage(name, ctx.clock().instant(), ai.text()));
            }
            if (!ai.hasToolExecutionRequests()) {
                return new AgentResponse(out);
            }
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                String target = handoffByFunction.get(call.name());
                if (target != null) {
                    out.add(new HandoffMessage(name, ctx.clock().instant(), target, "model chose " + call.name()));
                    return new AgentResponse(out);
                }
                history.add(ToolExecutionResultMessage.from(call, execute(call, toolByFunction, seenCalls, ctx)));
            }
        }
        out.add(new TextMessage(name, ctx.clock().instant(),
                "stopped after " + maxIterations + " model calls without a final answer"));
        return new AgentResponse(out);
    }

    private String execute(ToolExecutionRequest call, Map<String, String> toolByFunction, Set<String> seen,
                           AgentContext ctx) {
        String toolId = toolByFunction.get(call.name());
        if (toolId == null) {
            return "error: there is no tool named " + call.name() + "; available: " + toolByFunction.keySet();
        }
        ObjectNode args;
        try {
            String raw = call.arguments() == null || call.arguments().isBlank() ? "{}" : call.arguments();
            JsonNode parsed = Json.mapper().readTree(raw);
            if (!(parsed instanceof ObjectNode o)) {
                return "error: arguments of " + call.name() + " must be a JSON object, got: " + abbreviate(raw);
            }
            args = o;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "error: arguments of " + call.name() + " are not valid JSON (" + e.getOriginalMessage() + "): "
                    + abbreviate(call.arguments());
        }
        String key = toolId + " " + canonical(args);
        if (!seen.add(key)) {
            return "refused: this exact call (" + call.name() + " with the same arguments) was already made in this "
                    + "turn; use its earlier result or change the arguments";
        }
        ToolResult r = ctx.tools().call(name, toolId, args);
        return r.isError() ? "error (" + r.error().kind() + "): " + r.error().message() : r.text();
    }

    private static String render(List<Message> messages, AgentContext ctx) {
        StringBuilder sb = new StringBuilder();
        sb.append("Incident trigger: ").append(Json.write(ctx.workflow().trigger())).append('\n');
        for (Message m : messages) {
            sb.append('[').append(m.source()).append("] ").append(m.render()).append('\n');
        }
        return sb.toString();
    }

    /** OpenAI-compatible function names allow only letters, digits, '_' and '-': {@code k8s.get_pod} → {@code k8s__get_pod}. */
    static String functionName(String toolId) {
        return toolId.replace(".", "__");
    }

    private static String canonical(JsonNode n) {
        try {
            return Json.newMapper().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(Json.mapper().convertValue(n, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return n.toString();
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static long orZero(Integer i) {
        return i == null ? 0 : i;
    }

    /** Builds an {@link LlmAgent}. */
    public static final class Builder {
        private final String name;
        private final ChatModel model;
        private String description;
        private String systemPrompt = "You are a Kubernetes SRE assistant. Use the tools to find evidence; be concise.";
        private final List<Handoff> handoffs = new ArrayList<>();
        private int maxIterations = 8;

        private Builder(String name, ChatModel model) {
            this.name = Objects.requireNonNull(name, "name");
            this.model = Objects.requireNonNull(model, "model");
            this.description = "LLM agent " + name;
        }

        /** What the agent does. */
        public Builder description(String d) {
            this.description = Objects.requireNonNull(d, "description");
            return this;
        }

        /** The system prompt. */
        public Builder systemPrompt(String p) {
            this.systemPrompt = Objects.requireNonNull(p, "system_prompt");
            return this;
        }

        /** Offers a handoff to the model as a transfer tool. */
        public Builder handoff(String target, String description) {
            handoffs.add(new Handoff(name, target, description));
            return this;
        }

        /** Bound on model calls per turn (default 8). */
        public Builder maxIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max_iterations must be at least 1, was " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /** The agent. */
        public LlmAgent build() {
            return new LlmAgent(this);
        }
    }
}
