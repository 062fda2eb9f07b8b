package io.sreagent.core.team;

import static io.sreagent.core.testing.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;

import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.event.EventBus;
import io.sreagent.core.message.Message;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.testing.Fixtures;
import io.sreagent.core.tool.ToolRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTeamTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void oneFailingBranchLeavesTheOthersResultsAndATypedFailure() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ParallelTeam team = new ParallelTeam("fan", null, List.of(
                agent("logs", (in, ctx) -> {
                    threads.add(Thread.currentThread().getName());
                    bothStarted.countDown();
                    await(bothStarted);
                    return AgentResponse.of(new TextMessage("logs", ctx.clock().instant(), "3 templates"));
                }),
                agent("metrics", (in, ctx) -> {
                    threads.add(Thread.currentThread().getName());
                    bothStarted.countDown();
                    await(bothStarted);
                    return AgentResponse.of(new TextMessage("metrics", ctx.clock().instant(), "memory at limit"));
                }),
                agent("broken", (in, ctx) -> { throw new UnsupportedOperationException("prometheus is down"); })),
                Duration.ofSeconds(10));

        TeamResult r = team.run(List.of(), Fixtures.context(ToolRegistry.builder().build(), new EventBus(pool), pool));

        assertThat(r.messages()).extracting(Message::source).containsExactly("logs", "metrics");
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.agent()).isEqualTo("broken");
            assertThat(f.errorType()).isEqualTo(UnsupportedOperationException.class.getName());
            assertThat(f.message()).isEqualTo("prometheus is down");
        });
        // The two branches waited for each other, so they really ran at the same time on the host's executor.
        assertThat(threads).hasSize(2);
    }

    @Test
    void aBranchThatHangsBecomesATimeoutFailureInsteadOfAHang() {
        ParallelTeam team = new ParallelTeam("fan", null, List.of(
                agent("quick", (in, ctx) -> AgentResponse.of(new TextMessage("quick", ctx.clock().instant(), "done"))),
                agent("stuck", (in, ctx) -> { await(new CountDownLatch(1)); return AgentResponse.of(); })),
                Duration.ofMillis(300));

        TeamResult r = team.run(List.of(), Fixtures.context(ToolRegistry.builder().build(), new EventBus(pool), pool));

        assertThat(r.messages()).extracting(Message::source).containsExactly("quick");
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.errorType()).isEqualTo("timeout"));
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
