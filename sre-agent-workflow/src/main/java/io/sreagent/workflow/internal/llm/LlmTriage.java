package io.sreagent.workflow.internal.llm;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.llm.ModelSession;
import io.sreagent.core.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Triage with a model: the deterministic triage runs first (the detectors), then the model reads the trigger and
 * their findings and names what it suspects and what to look at, kept as the fact {@value #FACT} for the summariser.
 * A model that fails or answers badly leaves the deterministic triage as it was.
 */
public final class LlmTriage implements Agent {

    /** The fact the model's suspicions are kept under. */
    public static final String FACT = "llm.triage";

    private final Agent deterministic;
    private final ModelSession session;
    private final Prompts.Prompt prompt;

    public LlmTriage(Agent deterministic, dev.langchain4j.model.chat.ChatModel model, ModelSession.Limits limits,
                     boolean small) {
        this.deterministic = deterministic;
        this.prompt = Prompts.load("triage", small);
        // Triage reasons over the detectors' findings only: no tools, one call (two if its answer is rejected).
        this.session = ModelSession.builder(deterministic.name(), model).systemPrompt(prompt.text())
                .limits(new ModelSession.Limits(2, limits.toolResultTokens(), limits.runTokenBudget(), 0))
                .build();
    }

    @Override
    public String name() {
        return deterministic.name();
    }

    @Override
    public String description() {
        return deterministic.description() + "; then a model names suspects and what to look at";
    }

    @Override
    public AgentResponse respond(List<Message> newMessages, AgentContext ctx) {
        AgentResponse first = deterministic.respond(newMessages, ctx);
        ModelSession.Outcome o = session.run(Briefing.render(ctx.workflow(), 8, false),
                new ModelSession.AnswerFormat("triage", Answers.triageSchema(), Answers::validateTriage), ctx);
        if (o.answer() != null) {
            ctx.workflow().putFact(FACT, o.answer());
        } else if (o.stop() == ModelSession.Stop.MODEL_ERROR) {
            ctx.workflow().markDegraded("llm: triage's model: " + String.join("; ", o.notes()));
        }
        List<Message> out = new ArrayList<>(o.messages());
        out.addAll(first.messages());
        return new AgentResponse(out);
    }
}
