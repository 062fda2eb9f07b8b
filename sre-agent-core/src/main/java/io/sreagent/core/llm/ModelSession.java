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
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.event.RunEvent;
import io.sreagent.core.message.Message;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.support.Json;
import io.sreagent.core.team.Handoff;
import io.sreagent.core.tool.SafetyClass;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.workflow.TokenUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One agent turn's conversation with a model, with the safety and economy rules every model in the workflow obeys:
 * <ul>
 *   <li>only read-only tools are offered (a mutating or destructive tool is never shown to a model, whatever the
 *       agent's tools allow), in small-model mode only the first {@link Limits#maxTools()};</li>
 *   <li>every tool result reaches the model inside a {@linkplain DataSection data section}, compacted (log
 *       templates with counts) and cut at {@link Limits#toolResultTokens()}; the model may ask for the rest page by
 *       page with {@code more_of_result};</li>
 *   <li>a call that repeats an earlier one of the turn, exactly or but for numeric options, is refused with a
 *       message (which also stops a model alternating between two calls);</li>
 *   <li>arguments that are almost right are {@linkplain ArgumentRepair repaired}, else answered with a precise
 *       error;</li>
 *   <li>no model call starts once the run has spent its token budget, and at most {@link Limits#maxModelCalls()}
 *       are made; either way the turn ends with what it has ({@link Stop});</li>
 *   <li>an answer with a format must parse and validate; a rejected answer is retried once with the errors;</li>
 *   <li>everything sent is redacted ({@link RedactingChatModel}); tokens are added to the workflow per agent and
 *       each call is published as a {@link RunEvent.ModelCalled}.</li>
 * </ul>
 * Immutable and thread-safe: each {@link #run} keeps its own state.
 */
public final class ModelSession {

    /** The tool that pages through a cut tool result. */
    public static final String MORE = "more_of_result";
    private static final String TRANSFER_PREFIX = "transfer_to_";

    /**
     * Bounds of a model conversation.
     *
     * @param maxModelCalls    model calls per turn
     * @param toolResultTokens tokens of one tool result given to the model (the rest is paged)
     * @param runTokenBudget   tokens the whole run may spend on models; no call starts beyond it
     * @param maxTools         tools offered at most (small models cope with few)
     */
    public record Limits(int maxModelCalls, int toolResultTokens, long runTokenBudget, int maxTools) {
        public Limits {
            if (maxModelCalls < 1 || toolResultTokens < 50 || runTokenBudget < 1 || maxTools < 0) {
                throw new IllegalArgumentException("model limits out of range: calls " + maxModelCalls
                        + ", tool result tokens " + toolResultTokens + ", budget " + runTokenBudget + ", tools " + maxTools);
            }
        }

        /** For models with large context windows: 8 calls, 1,500 tokens a result, 60,000 a run, every tool. */
        public static Limits standard() {
            return new Limits(8, 1_500, 60_000, Integer.MAX_VALUE);
        }

        /** For small local models: 4 calls, 500 tokens a result, 16,000 a run, 4 tools. */
        public static Limits small() {
            return new Limits(4, 500, 16_000, 4);
        }

        /** A copy with another run budget. */
        public Limits withRunTokenBudget(long tokens) {
            return new Limits(maxModelCalls, toolResultTokens, tokens, maxTools);
        }
    }

    /**
     * The structured answer a turn must end with.
     *
     * @param name      a name for the schema
     * @param schema    the JSON schema (sent as the response format to models that support it, else described in
     *                  the prompt by the caller)
     * @param validator the errors of an answer, empty when it is valid
     */
    public record AnswerFormat(String name, JsonObjectSchema schema, Function<JsonNode, List<String>> validator) {
    }

    /** Why a turn ended. */
    public enum Stop {
        /** The model answered (validly, when a format was asked for). */
        ANSWERED,
        /** The model handed off. */
        HANDOFF,
        /** The answer failed validation twice. */
        INVALID_ANSWER,
        /** The turn's model calls ran out. */
        STEP_LIMIT,
        /** The run's token budget ran out. */
        TOKEN_BUDGET,
        /** The model could not be reached or failed. */
        MODEL_ERROR
    }

    /**
     * What a turn came to.
     *
     * @param stop       why it ended
     * @param text       the model's last text, or null
     * @param answer     the validated structured answer, or null
     * @param handoffTo  the agent the model handed off to, or null
     * @param messages   what the turn said, for the transcript (model text, refused calls, repairs)
     * @param notes      problems worth reporting with the decision (validation errors, refusals, budget)
     * @param modelCalls model calls made
     */
    public record Outcome(Stop stop, @Nullable String text, @Nullable JsonNode answer, @Nullable String handoffTo,
                          List<Message> messages, List<String> notes, int modelCalls) {
        public Outcome {
            messages = List.copyOf(messages);
            notes = List.copyOf(notes);
        }
    }

    private final String agent;
    private final ChatModel model;
    private final String systemPrompt;
    private final Limits limits;
    private final List<Handoff> handoffs;
    private final Predicate<Tool> toolFilter;

    private ModelSession(Builder b) {
        this.agent = b.agent;
        this.model = RedactingChatModel.wrap(b.model);
        this.systemPrompt = b.systemPrompt;
        this.limits = b.limits;
        this.handoffs = List.copyOf(b.handoffs);
        this.toolFilter = b.toolFilter;
    }

    /** Starts a session for {@code agent} on {@code model}. */
    public static Builder builder(String agent, ChatModel model) {
        return new Builder(agent, model);
    }

    /** The bounds in force. */
    public Limits limits() {
        return limits;
    }

    /** The tools a model is offered from {@code ctx}: read-only ones the filter accepts, at most the limit. */
    public List<Tool> offered(AgentContext ctx) {
        return ctx.tools().available().stream().filter(t -> t.safety() == SafetyClass.READ_ONLY).filter(toolFilter)
                .limit(limits.maxTools()).toList();
    }

    /** Runs one turn: {@code userContent} (already rendered, data inside data sections) in, an outcome out. */
    public Outcome run(String userContent, @Nullable AnswerFormat format, AgentContext ctx) {
        return new Turn(ctx, format).run(userContent);
    }

    /** The state of one turn. */
    private final class Turn {
        private final AgentContext ctx;
        private final @Nullable AnswerFormat format;
        private final Map<String, String> toolByFunction = new HashMap<>();
        private final Map<String, String> handoffByFunction = new HashMap<>();
        private final List<ToolSpecification> specs = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private final Map<String, String> cut = new LinkedHashMap<>();
        private final List<Message> out = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<ChatMessage> history = new ArrayList<>();
        private int calls;
        private int toolCalls;

        Turn(AgentContext ctx, @Nullable AnswerFormat format) {
            this.ctx = ctx;
            this.format = format;
            for (Tool t : offered(ctx)) {
                String fn = functionName(t.id());
                toolByFunction.put(fn, t.id());
                specs.add(ToolSpecification.builder().name(fn).description(t.description())
                        .parameters(Schemas.toObjectSchema(t.argumentsSchema())).build());
            }
            if (!specs.isEmpty()) {
                specs.add(ToolSpecification.builder().name(MORE)
                        .description("The next page of a tool result that was cut; give its call_id and the page (2, 3, ...)")
                        .parameters(JsonObjectSchema.builder()
                                .addProperty("call_id", JsonStringSchema.builder().description("the cut result's call_id").build())
                                .addProperty("page", JsonIntegerSchema.builder().description("page number, from 2").build())
                                .required("call_id", "page").build()).build());
            }
            for (Handoff h : handoffs) {
                String fn = TRANSFER_PREFIX + h.target().replaceAll("[^A-Za-z0-9_-]", "_");
                handoffByFunction.put(fn, h.target());
                specs.add(ToolSpecification.builder().name(fn).description(h.description())
                        .parameters(JsonObjectSchema.builder().build()).build());
            }
        }

        Outcome run(String userContent) {
            history.add(SystemMessage.from(systemPrompt + "\n\n" + DataSection.RULE));
            history.add(UserMessage.from(userContent));
            int rejected = 0;
            while (true) {
                if (calls >= limits.maxModelCalls()) {
                    return end(Stop.STEP_LIMIT, null, "stopped after " + calls + " model calls without a final answer");
                }
                long spent = ctx.workflow().tokenUsage().total();
                long next = estimatePrompt();
                if (spent + next > limits.runTokenBudget()) {
                    return end(Stop.TOKEN_BUDGET, null, "the run's model budget of " + limits.runTokenBudget()
                            + " tokens leaves no room for another call (" + spent + " spent, about " + next + " needed)");
                }
                ctx.cancellation().throwIfCancelled();
                ChatResponse resp;
                try {
                    resp = call();
                } catch (RuntimeException e) {
                    return end(Stop.MODEL_ERROR, null, "the model failed: " + describe(e));
                }
                AiMessage ai = resp.aiMessage();
                history.add(ai);
                if (ai.text() != null && !ai.text().isBlank()) {
                    say(ai.text());
                }
                if (ai.hasToolExecutionRequests()) {
                    String target = callTools(ai.toolExecutionRequests());
                    if (target != null) {
                        return new Outcome(Stop.HANDOFF, ai.text(), null, target, out, notes, calls);
                    }
                    continue;
                }
                String text = ai.text() == null ? "" : ai.text();
                if (format == null) {
                    return new Outcome(Stop.ANSWERED, text, null, null, out, notes, calls);
                }
                List<String> errors = new ArrayList<>();
                JsonNode answer = parseAnswer(text, errors);
                if (answer != null) {
                    errors.addAll(format.validator().apply(answer));
                }
                if (errors.isEmpty()) {
                    return new Outcome(Stop.ANSWERED, text, answer, null, out, notes, calls);
                }
                notes.add("answer rejected: " + String.join("; ", errors));
                if (++rejected >= 2) {
                    return end(Stop.INVALID_ANSWER, text, "the model's answer failed validation twice");
                }
                history.add(UserMessage.from("Your answer was rejected: " + String.join("; ", errors)
                        + ". Reply with only the corrected JSON object, nothing else."));
            }
        }

        private ChatResponse call() {
            ChatRequest.Builder req = ChatRequest.builder().messages(history);
            if (!specs.isEmpty()) {
                req.toolSpecifications(specs);
            }
            if (format != null && model.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA)) {
                req.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                        .jsonSchema(JsonSchema.builder().name(format.name()).rootElement(format.schema()).build()).build());
            }
            long t0 = System.nanoTime();
            long estimatedIn = estimatePrompt();
            String name = modelName(model);
            io.sreagent.core.telemetry.Telemetry telemetry = ctx.tools().telemetry();
            io.opentelemetry.api.trace.Span span = telemetry.startChat(agent, name);
            ChatResponse resp;
            try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
                resp = model.chat(req.build());
            } catch (RuntimeException e) {
                telemetry.fail(span, e);
                span.end();
                throw e;
            }
            calls++;
            AiMessage ai = resp.aiMessage();
            boolean estimated = resp.tokenUsage() == null || resp.tokenUsage().inputTokenCount() == null;
            long in = estimated ? estimatedIn : resp.tokenUsage().inputTokenCount();
            long outTokens = resp.tokenUsage() != null && resp.tokenUsage().outputTokenCount() != null
                    ? resp.tokenUsage().outputTokenCount() : Tokens.estimate(render(ai));
            ctx.workflow().addModelCall(agent, new TokenUsage(in, outTokens));
            int asked = ai.hasToolExecutionRequests() ? ai.toolExecutionRequests().size() : 0;
            telemetry.endChat(span, name, in, outTokens);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            ctx.events().emit(seq -> new RunEvent.ModelCalled(ctx.runId(), seq, ctx.clock().instant(), agent, name, in,
                    outTokens, estimated, ms, asked));
            return resp;
        }

        /** Runs the calls; returns the handoff target if the model handed off. */
        private @Nullable String callTools(List<ToolExecutionRequest> requests) {
            for (ToolExecutionRequest call : requests) {
                String target = handoffByFunction.get(call.name());
                if (target != null) {
                    out.add(new io.sreagent.core.message.HandoffMessage(agent, ctx.clock().instant(), target,
                            "model chose " + call.name()));
                    return target;
                }
            }
            for (ToolExecutionRequest call : requests) {
                String callId = "c" + (++toolCalls);
                history.add(ToolExecutionResultMessage.from(call, execute(call, callId)));
            }
            return null;
        }

        private String execute(ToolExecutionRequest call, String callId) {
            String fn = String.valueOf(call.name());
            if (MORE.equals(fn)) {
                return more(call);
            }
            String toolId = toolByFunction.get(fn);
            if (toolId == null) {
                // Mutating tools are never offered; a model asking for one anyway is on the record.
                String msg = "refused: there is no tool named " + fn + " (only read-only tools are offered; a model "
                        + "cannot change the cluster); available: " + new java.util.TreeSet<>(toolByFunction.keySet());
                refuse("the model asked for " + abbreviate(fn) + ", which it is not offered: refused");
                return msg;
            }
            Tool tool = ctx.tools().available().stream().filter(t -> t.id().equals(toolId)).findFirst().orElseThrow();
            ArgumentRepair.Repaired args;
            try {
                args = ArgumentRepair.repair(call.arguments(), tool.argumentsSchema());
            } catch (ArgumentRepair.Unrepairable e) {
                return "error: arguments of " + fn + ": " + e.getMessage();
            }
            if (!args.repairs().isEmpty()) {
                say("repaired the arguments of " + fn + ": " + String.join(", ", args.repairs()));
            }
            String exact = toolId + " " + canonical(args.arguments());
            String near = toolId + " " + canonical(loose(args.arguments()));
            if (!seen.add(exact) || !seen.add("~" + near)) {
                refuse("refused a repeated call of " + toolId);
                return "refused: " + fn + " was already called in this turn with the same arguments (or only numeric "
                        + "options changed); use that result, ask more_of_result for a cut one, or answer now";
            }
            ToolResult r = ctx.tools().call(agent, toolId, args.arguments());
            String text = r.isError() ? "error (" + r.error().kind() + "): " + r.error().message() : r.text();
            Compaction.Compact c = Compaction.compact(text, limits.toolResultTokens(), callId);
            if (!c.rest().isEmpty()) {
                cut.put(callId, c.rest());
            }
            return "call_id " + callId + "\n" + DataSection.wrap(toolId, c.text());
        }

        private String more(ToolExecutionRequest call) {
            JsonNode a;
            try {
                a = ArgumentRepair.repair(call.arguments(), Json.object().set("properties", Json.object()
                        .<ObjectNode>set("call_id", Json.object().put("type", "string"))
                        .set("page", Json.object().put("type", "integer")))).arguments();
            } catch (ArgumentRepair.Unrepairable e) {
                return "error: arguments of " + MORE + ": " + e.getMessage();
            }
            String id = a.path("call_id").asText("");
            String rest = cut.get(id);
            if (rest == null) {
                return "error: no cut result with call_id '" + abbreviate(id) + "'; cut results: " + cut.keySet();
            }
            String key = "more " + id + " " + a.path("page").asInt(0);
            if (!seen.add(key)) {
                return "refused: you already have that page";
            }
            return DataSection.wrap("page of " + id, Compaction.page(rest, a.path("page").asInt(0),
                    limits.toolResultTokens(), id));
        }

        private Outcome end(Stop stop, @Nullable String text, String note) {
            notes.add(note);
            say(note);
            return new Outcome(stop, text, null, null, out, notes, calls);
        }

        private void say(String text) {
            out.add(new TextMessage(agent, ctx.clock().instant(), text));
        }

        private void refuse(String text) {
            notes.add(text);
            say(text);
        }

        private long estimatePrompt() {
            long chars = 0;
            for (ChatMessage m : history) {
                chars += render(m).length();
            }
            for (ToolSpecification s : specs) {
                chars += s.name().length() + String.valueOf(s.description()).length() + String.valueOf(s.parameters()).length() / 2;
            }
            return (chars + Tokens.CHARS_PER_TOKEN - 1) / Tokens.CHARS_PER_TOKEN;
        }
    }

    /** The answer object in {@code text} (a fence, prose around it and trailing commas are tolerated). */
    static @Nullable JsonNode parseAnswer(String text, List<String> errors) {
        int from = text.indexOf('{');
        int to = text.lastIndexOf('}');
        if (from < 0 || to < from) {
            errors.add("the answer holds no JSON object");
            return null;
        }
        try {
            JsonNode n = ArgumentRepair.parse(text.substring(from, to + 1), new ArrayList<>());
            if (!n.isObject()) {
                errors.add("the answer must be one JSON object");
                return null;
            }
            return n;
        } catch (ArgumentRepair.Unrepairable e) {
            errors.add(e.getMessage().replace("the arguments are", "the answer is"));
            return null;
        }
    }

    /** The text a message puts into the context, for estimates. */
    static String render(ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return s.text();
        }
        if (m instanceof UserMessage u) {
            return u.hasSingleText() ? u.singleText() : u.toString();
        }
        if (m instanceof ToolExecutionResultMessage t) {
            return t.text();
        }
        if (m instanceof AiMessage a) {
            StringBuilder sb = new StringBuilder(a.text() == null ? "" : a.text());
            if (a.hasToolExecutionRequests()) {
                a.toolExecutionRequests().forEach(r -> sb.append(r.name()).append(r.arguments()));
            }
            return sb.toString();
        }
        return m.toString();
    }

    /** The model's name as it reports it, else its class. */
    public static String modelName(ChatModel model) {
        try {
            String n = model.defaultRequestParameters() == null ? null : model.defaultRequestParameters().modelName();
            return n != null ? n : model.getClass().getSimpleName();
        } catch (RuntimeException e) {
            return model.getClass().getSimpleName();
        }
    }

    /** OpenAI-compatible function names allow only letters, digits, '_' and '-': {@code k8s.get_pod} → {@code k8s__get_pod}. */
    static String functionName(String toolId) {
        return toolId.replace(".", "__");
    }

    private static String describe(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.lines().findFirst().orElse("");
        return e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + abbreviate(m));
    }

    private static JsonNode loose(ObjectNode args) {
        ObjectNode o = Json.object();
        args.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                o.put(e.getKey(), v.asText().strip().toLowerCase(Locale.ROOT));
            } else if (!v.isNumber() && !v.isBoolean()) {
                o.set(e.getKey(), v);
            }
        });
        return o;
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
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    /** Builds a {@link ModelSession}. */
    public static final class Builder {
        private final String agent;
        private final ChatModel model;
        private String systemPrompt = "You are a Kubernetes SRE assistant. Use the tools to find evidence; be concise.";
        private Limits limits = Limits.standard();
        private final List<Handoff> handoffs = new ArrayList<>();
        private Predicate<Tool> toolFilter = t -> true;

        private Builder(String agent, ChatModel model) {
            this.agent = Objects.requireNonNull(agent, "agent");
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The system prompt (the data-section rule is appended). */
        public Builder systemPrompt(String p) {
            this.systemPrompt = Objects.requireNonNull(p, "system_prompt");
            return this;
        }

        /** The bounds (default {@link Limits#standard()}). */
        public Builder limits(Limits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /** Offers a handoff to the model as a {@code transfer_to_<target>} tool. */
        public Builder handoff(Handoff h) {
            handoffs.add(Objects.requireNonNull(h, "handoff"));
            return this;
        }

        /** Which of the agent's read-only tools to offer (default all), for small models. */
        public Builder tools(Predicate<Tool> filter) {
            this.toolFilter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** The session. */
        public ModelSession build() {
            return new ModelSession(this);
        }
    }
}
