package io.sreagent.workflow;

import dev.langchain4j.model.chat.ChatModel;
import io.sreagent.core.llm.ModelSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the workflow reasons with models: which model each agent uses, the run's token budget and the bounds of each
 * conversation. Without it (the default) every agent is deterministic.
 *
 * <p>With a model, the deterministic agents still run first: triage's model reads the trigger and the detectors'
 * findings and names what to look at; the summariser's model reviews the deterministic decision with read-only
 * tools and answers in a validated JSON form, within bounds ({@link #MAX_CONFIDENCE_CHANGE}); the orchestrator's
 * model, only when one is set for {@value #ORCHESTRATOR}, picks the next investigation step among those the plan
 * allows. The guard stays deterministic: a model may propose actions (a person always approves them) and object to
 * actions (an objected action waits for a person), never approve or execute one.
 */
public final class LlmMode {

    /** The agent name for the orchestrator's model (opt-in: it costs a model call per step). */
    public static final String ORCHESTRATOR = "orchestrator";
    /** The agent that reviews the decision. */
    public static final String SUMMARISER = "summariser";
    /** The triage agent. */
    public static final String TRIAGE = "triage";
    /** The chat responder. */
    public static final String CHAT = "chat";
    /** Agents that can take a model. */
    public static final Set<String> MODEL_AGENTS = Set.of(ORCHESTRATOR, SUMMARISER, TRIAGE, CHAT);
    /** How far the model may move the deterministic confidence, either way. */
    public static final double MAX_CONFIDENCE_CHANGE = 0.15;
    /** The confidence a root cause only the model supports may have at most. */
    public static final double MODEL_ONLY_CONFIDENCE = 0.5;
    /** Tools offered first, in this order, when fewer than all are offered. */
    public static final List<String> PREFERRED_TOOLS = List.of("k8s.events", "k8s.pod_logs", "k8s.get_pod",
            "k8s.describe_deployment", "prometheus.query", "loki.query_range", "k8s.describe_service", "k8s.owner_chain");

    private final @Nullable ChatModel defaultModel;
    private final Map<String, ChatModel> models;
    private final ModelSession.Limits limits;
    private final boolean small;

    private LlmMode(Builder b) {
        this.defaultModel = b.defaultModel;
        this.models = Map.copyOf(b.models);
        this.small = b.small;
        this.limits = b.limits != null ? b.limits : small ? ModelSession.Limits.small()
                : new ModelSession.Limits(6, 600, 40_000, 6);
    }

    /** Every model agent (triage, summariser, chat) on {@code model}; the orchestrator stays rule-based. */
    public static Builder builder(ChatModel model) {
        return new Builder(Objects.requireNonNull(model, "model"));
    }

    /** Models only for the agents named with {@link Builder#model(String, ChatModel)}. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** The model of {@code agent}, if it has one. */
    public Optional<ChatModel> model(String agent) {
        ChatModel m = models.get(agent);
        if (m != null) {
            return Optional.of(m);
        }
        return ORCHESTRATOR.equals(agent) ? Optional.empty() : Optional.ofNullable(defaultModel);
    }

    /** The bounds of each conversation and the run's token budget. */
    public ModelSession.Limits limits() {
        return limits;
    }

    /** Whether prompts are the short ones for small models. */
    public boolean small() {
        return small;
    }

    /** Builds an {@link LlmMode}. */
    public static final class Builder {
        private final @Nullable ChatModel defaultModel;
        private final Map<String, ChatModel> models = new LinkedHashMap<>();
        private ModelSession.@Nullable Limits limits;
        private boolean small;

        private Builder(@Nullable ChatModel defaultModel) {
            this.defaultModel = defaultModel;
        }

        /**
         * The model of one agent ({@value #ORCHESTRATOR}, {@value #TRIAGE}, {@value #SUMMARISER}, {@value #CHAT}).
         *
         * @throws IllegalArgumentException for another name
         */
        public Builder model(String agent, ChatModel model) {
            if (!MODEL_AGENTS.contains(agent)) {
                throw new IllegalArgumentException("agent '" + agent + "' cannot take a model; one of "
                        + new java.util.TreeSet<>(MODEL_AGENTS));
            }
            models.put(agent, Objects.requireNonNull(model, "model"));
            return this;
        }

        /**
         * For small local models (a few billion parameters, short context): short prompts, four tools, 500 tokens a
         * tool result, four calls a turn, 16,000 tokens a run.
         */
        public Builder small(boolean on) {
            this.small = on;
            return this;
        }

        /**
         * The conversation bounds (default: 6 calls a turn, 600 tokens a tool result, 40,000 tokens a run, 6 tools
         * offered: the common read tools, {@code k8s.events}, {@code k8s.pod_logs}, {@code k8s.get_pod} first).
         */
        public Builder limits(ModelSession.Limits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /** The mode. */
        public LlmMode build() {
            return new LlmMode(this);
        }
    }
}
