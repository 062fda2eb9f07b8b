package io.sreagent.core.team;

import static io.sreagent.core.testing.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.termination.TerminationCondition;
import io.sreagent.core.termination.Terminations;
import io.sreagent.core.testing.Fixtures;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One team instance serves concurrent runs: each run's termination state is its own. */
class ConcurrentRunsTest {

    @Test
    void twoConcurrentRunsOfOneTeamStopIndependently() throws Exception {
        CyclicBarrier bothSpoke = new CyclicBarrier(2);
        // Run "a" says "alpha" first, run "b" says "beta" first; each then waits for the other and says "tick".
        var speaker = agent("speaker", (in, ctx) -> {
            boolean first = in.stream().noneMatch(m -> m.source().equals("speaker"));
            if (first) {
                return AgentResponse.of(new TextMessage("speaker", ctx.clock().instant(), ctx.workflow().incidentId()));
            }
            try {
                bothSpoke.await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return AgentResponse.of(new TextMessage("speaker", ctx.clock().instant(), "tick"));
        });
        // Fires only once one run has seen both words: with shared latches, each run would see the other's word.
        TerminationCondition both = Terminations.textMention("alpha").and(Terminations.textMention("beta"))
                .or(Terminations.maxMessages(4));
        RoundRobinTeam team = new RoundRobinTeam("pair", null, List.of(speaker), both, 10);

        CompletableFuture<TeamResult> a = CompletableFuture.supplyAsync(() -> team.run(List.of(), context("alpha")));
        CompletableFuture<TeamResult> b = CompletableFuture.supplyAsync(() -> team.run(List.of(), context("beta")));

        assertThat(a.get(10, TimeUnit.SECONDS).stopReason().condition()).isEqualTo("max_messages");
        assertThat(b.get(10, TimeUnit.SECONDS).stopReason().condition()).isEqualTo("max_messages");
    }

    private static AgentContext context(String id) {
        return AgentContext.forRun(new WorkflowContext(id, Fixtures.trigger()), ToolRegistry.builder().build());
    }
}
