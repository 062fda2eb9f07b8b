package io.sreagent.workflow.internal.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.llm.DataSection;
import io.sreagent.core.llm.ModelSession;
import io.sreagent.core.team.Ledger;
import io.sreagent.core.team.PlanSelection;
import io.sreagent.core.team.SelectionStrategy;
import io.sreagent.core.team.Step;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.workflow.WorkflowContext;
import io.sreagent.workflow.LlmMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The orchestrator's model picks the next step from the ledger, among the steps the plan allows now; the plan's last
 * remaining step (the final diagnosis) stays last. An answer that names no candidate, or a model that fails, falls
 * back to the plan's own choice. With one candidate the model is not asked.
 */
public final class ModelSelection implements SelectionStrategy {

    private final PlanSelection plan;
    private final ModelSession session;

    public ModelSelection(PlanSelection plan, ChatModel model, ModelSession.Limits limits) {
        this.plan = plan;
        this.session = ModelSession.builder(LlmMode.ORCHESTRATOR, model)
                .systemPrompt(Prompts.load(LlmMode.ORCHESTRATOR, false).text())
                .limits(new ModelSession.Limits(2, limits.toolResultTokens(), limits.runTokenBudget(), 0)).build();
    }

    @Override
    public Optional<Step> next(Ledger ledger, WorkflowContext workflow, List<Agent> participants) {
        List<Step> candidates = new ArrayList<>(plan.candidates(ledger, workflow));
        if (candidates.size() <= 2) {
            // One step left, or one and the final step that must stay last: nothing to choose.
            return plan.next(ledger, workflow, participants);
        }
        candidates.remove(candidates.size() - 1);
        List<String> ids = candidates.stream().map(Step::id).toList();
        StringBuilder sb = new StringBuilder("Ledger:\n");
        sb.append(DataSection.wrap("ledger_facts", String.join("\n", ledger.facts()))).append('\n');
        sb.append("Steps taken: ").append(ledger.history()).append('\n');
        sb.append("Candidates:\n");
        candidates.forEach(c -> sb.append("- ").append(c.id()).append(": ").append(String.join(" + ", c.participants()))
                .append(c.why().isEmpty() ? "" : " (" + c.why() + ")").append('\n'));
        AgentContext ctx = AgentContext.forRun(workflow, ToolRegistry.builder().build());
        ModelSession.Outcome o = session.run(sb.toString(), new ModelSession.AnswerFormat("next_step",
                JsonObjectSchema.builder().addEnumProperty("step", ids).addStringProperty("why").required("step").build(),
                a -> ids.contains(a.path("step").asText()) ? List.of() : List.of("step must be one of " + ids)), ctx);
        JsonNode a = o.answer();
        if (a == null) {
            return plan.next(ledger, workflow, participants);
        }
        String id = a.path("step").asText();
        return candidates.stream().filter(c -> c.id().equals(id)).findFirst()
                .or(() -> plan.next(ledger, workflow, participants));
    }

    @Override
    public List<String> plan(WorkflowContext workflow) {
        return plan.plan(workflow);
    }
}
