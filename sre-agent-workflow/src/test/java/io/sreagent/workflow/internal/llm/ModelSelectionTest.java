package io.sreagent.workflow.internal.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.llm.ModelSession;
import io.sreagent.core.team.Ledger;
import io.sreagent.core.team.PlanSelection;
import io.sreagent.core.team.Step;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {

    /** Answers from a script; keeps the requests. */
    static final class Scripted implements ChatModel {
        final Deque<String> answers = new ArrayDeque<>();
        final List<ChatRequest> requests = new ArrayList<>();

        Scripted(String... answers) {
            this.answers.addAll(List.of(answers));
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            return ChatResponse.builder().aiMessage(AiMessage.from(answers.isEmpty() ? "?" : answers.poll()))
                    .tokenUsage(new TokenUsage(50, 5)).build();
        }
    }

    static final PlanSelection PLAN = PlanSelection.builder().step("cluster", "read the cluster", "cluster_analysis")
            .step("logs", "read the logs", "log_analysis").step("metrics", "read the metrics", "metric_analysis")
            .step("diagnosis", "weigh it all", "diagnosis").build();

    static WorkflowContext workflow() {
        return new WorkflowContext("inc-1", new Trigger("Warning", "shop", "Pod", "cart-1", null));
    }

    static Optional<Step> next(Scripted model, Ledger ledger, WorkflowContext wf) {
        return new ModelSelection(PLAN, model, ModelSession.Limits.standard()).next(ledger, wf, List.of());
    }

    @Test
    void theModelPicksAmongTheStepsThePlanAllowsButNotTheLastOne() {
        Scripted model = new Scripted("{\"step\": \"metrics\", \"why\": \"memory first\"}");
        WorkflowContext wf = workflow();

        assertThat(next(model, Ledger.empty(), wf)).map(Step::id).hasValue("metrics");
        String prompt = model.requests.get(0).messages().get(1).toString();
        assertThat(prompt).contains("- cluster:").contains("- logs:").contains("- metrics:").doesNotContain("- diagnosis:");
        assertThat(wf.modelCallsByAgent()).containsEntry("orchestrator", 1);
    }

    @Test
    void anInvalidChoiceFallsBackToThePlan() {
        Scripted model = new Scripted("{\"step\": \"diagnosis\"}", "{\"step\": \"drop the database\"}");

        assertThat(next(model, Ledger.empty(), workflow())).map(Step::id).hasValue("cluster");
        assertThat(model.requests).hasSize(2);
        assertThat(model.requests.get(1).messages().toString()).contains("step must be one of [cluster, logs, metrics]");
    }

    @Test
    void withNothingToChooseTheModelIsNotAsked() {
        Scripted model = new Scripted();
        Ledger late = new Ledger(List.of(), List.of(), List.of("cluster", "logs"), 0);

        assertThat(next(model, late, workflow())).map(Step::id).hasValue("metrics");
        assertThat(model.requests).isEmpty();
    }
}
