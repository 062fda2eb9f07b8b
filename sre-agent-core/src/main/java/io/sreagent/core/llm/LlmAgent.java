package io.sreagent.core.llm;

import dev.langchain4j.model.chat.ChatModel;
import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import io.sreagent.core.team.Handoff;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An agent whose turns are driven by a langchain4j {@link ChatModel}: the agent's read-only tools become tool
 * specifications, declared handoffs become {@code transfer_to_<agent>} tools, and the model calls them in a bounded
 * loop with the rules of {@link ModelSession} (no mutating tool offered, untrusted data in data sections, compact
 * results, repeated calls refused, arguments repaired, redaction, token budget).
 *
 * <p>The trigger and the new messages reach the model inside data sections: they come from the cluster.
 */
public final class LlmAgent implements Agent {

    private final String name;
    private final String description;
    private final ModelSession session;

    private LlmAgent(Builder b) {
        this.name = b.name;
        this.description = b.description;
        ModelSession.Builder s = ModelSession.builder(b.name, b.model).systemPrompt(b.systemPrompt).limits(b.limits);
        b.handoffs.forEach(s::handoff);
        this.session = s.build();
    }

    /** Starts an LLM agent. */
    public static Builder builder(String name, ChatModel model) {
        return new Builder(name, model);
    }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (Message m : newMessages) {
            sb.append('[').append(m.source()).append("] ").append(m.render()).append('\n');
        }
        String user = DataSection.wrap("trigger", Json.write(ctx.workflow().trigger())) + "\n"
                + DataSection.wrap("messages", sb.toString());
        ModelSession.Outcome o = session.run(user, null, ctx);
        return new AgentResponse(o.messages());
    }

    /** Builds an {@link LlmAgent}. */
    public static final class Builder {
        private final String name;
        private final ChatModel model;
        private String description;
        private String systemPrompt = "You are a Kubernetes SRE assistant. Use the tools to find evidence; be concise.";
        private final List<Handoff> handoffs = new ArrayList<>();
        private ModelSession.Limits limits = ModelSession.Limits.standard();

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

        /** The conversation's bounds (default {@link ModelSession.Limits#standard()}). */
        public Builder limits(ModelSession.Limits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /** Bound on model calls per turn (default 8). */
        public Builder maxIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max_iterations must be at least 1, was " + n);
            }
            this.limits = new ModelSession.Limits(n, limits.toolResultTokens(), limits.runTokenBudget(), limits.maxTools());
            return this;
        }

        /** The agent. */
        public LlmAgent build() {
            return new LlmAgent(this);
        }
    }
}
