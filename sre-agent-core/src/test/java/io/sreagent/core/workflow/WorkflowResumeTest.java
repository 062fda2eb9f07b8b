package io.sreagent.core.workflow;

import static io.sreagent.core.testing.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.event.EventSink;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.message.FindingMessage;
import io.sreagent.core.support.Json;
import io.sreagent.core.team.Orchestrator;
import io.sreagent.core.team.PlanSelection;
import io.sreagent.core.termination.Terminations;
import io.sreagent.core.testing.Fixtures;
import io.sreagent.core.tool.ToolRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkflowResumeTest {

    private final AtomicInteger clusterTurns = new AtomicInteger();

    private Agent finder(String name, Category c, double confidence, AtomicInteger turns) {
        return agent(name, (in, ctx) -> {
            turns.incrementAndGet();
            return AgentResponse.of(new FindingMessage(name, ctx.clock().instant(), Finding.of("kubernetes", name,
                    c, ResourceRef.of("Deployment", "shop", "cart"), confidence, name + " saw " + c, null)));
        });
    }

    /** Turns the findings into hypotheses: the strongest category wins. */
    private final Agent decider = agent("decider", (in, ctx) -> {
        List<Hypothesis> hs = ctx.workflow().findings().stream()
                .sorted(Comparator.comparingDouble(Finding::confidence).reversed())
                .map(f -> new Hypothesis(f.category(), f.resource(), f.confidence(), f.summary(), List.of(f.summary())))
                .toList();
        ctx.workflow().setHypotheses(hs);
        return AgentResponse.of();
    });

    private Orchestrator orchestrator(int maxMessages) {
        return Orchestrator.builder("leader")
                .participants(finder("cluster", Category.OOM_KILLED, 0.9, clusterTurns),
                        finder("logs", Category.APP_CRASH, 0.4, new AtomicInteger()), decider)
                .selection(PlanSelection.builder()
                        .step("cluster", "read the cluster", "cluster")
                        .step("logs", "read the logs", "logs")
                        .step("decide", "weigh the evidence", "decider")
                        .build())
                .termination(Terminations.maxMessages(maxMessages))
                .build();
    }

    private AgentContext ctx(WorkflowContext wf) {
        return AgentContext.forRun(wf, ToolRegistry.builder().build(), Fixtures.CLOCK, EventSink.discarding(), Runnable::run, true);
    }

    @Test
    void aContextSavedMidRunAndRestoredContinuesToTheSameDecision() throws Exception {
        WorkflowContext uninterrupted = new WorkflowContext("inc-7", Fixtures.trigger());
        orchestrator(100).run(List.of(), ctx(uninterrupted));

        // The first run stops after the cluster step (one message reaches the limit of one).
        WorkflowContext first = new WorkflowContext("inc-7", Fixtures.trigger());
        orchestrator(1).run(List.of(), ctx(first));
        assertThat(first.hypotheses()).isEmpty();
        String saved = Json.mapper().writeValueAsString(first.snapshot());

        WorkflowContext resumed = WorkflowContext.restore(Json.mapper().readValue(saved, WorkflowState.class));
        orchestrator(100).run(List.of(), ctx(resumed));

        assertThat(resumed.bestHypothesis()).isEqualTo(uninterrupted.bestHypothesis());
        assertThat(resumed.bestHypothesis()).map(Hypothesis::category).hasValue(Category.OOM_KILLED);
        assertThat(resumed.findings()).hasSize(2);
        // cluster ran once in the uninterrupted run and once in the first half; the resumed run skipped it.
        assertThat(clusterTurns).hasValue(2);
    }
}
