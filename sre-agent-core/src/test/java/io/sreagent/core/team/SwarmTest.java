package io.sreagent.core.team;

import static io.sreagent.core.testing.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentResponse;
import io.sreagent.core.event.EventBus;
import io.sreagent.core.event.RunEvent;
import io.sreagent.core.message.HandoffMessage;
import io.sreagent.core.message.Message;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.termination.Terminations;
import io.sreagent.core.testing.Fixtures;
import io.sreagent.core.tool.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwarmTest {

    private static io.sreagent.core.agent.Agent handsTo(String name, String target) {
        return agent(name, (in, ctx) -> AgentResponse.of(
                new TextMessage(name, ctx.clock().instant(), name + " looked"),
                new HandoffMessage(name, ctx.clock().instant(), target, "your turn")));
    }

    @Test
    void aCycleOfThreeAgentsStopsByMaxMessagesOrTimeout() {
        Swarm swarm = Swarm.builder("cycle")
                .agents(handsTo("a", "b"), handsTo("b", "c"), handsTo("c", "a"))
                .handoff("a", "b", null).handoff("b", "c", null).handoff("c", "a", null)
                .termination(Terminations.maxMessages(20).or(Terminations.timeout(Duration.ofSeconds(30), Clock.systemUTC())))
                .build();
        List<RunEvent> events = new ArrayList<>();
        EventBus bus = new EventBus(Runnable::run).listen(events::add);
        AgentContext ctx = Fixtures.context(ToolRegistry.builder().build(), bus, Runnable::run);

        TeamResult result = swarm.run(List.of(new TextMessage("user", Fixtures.NOW, "go")), ctx);

        assertThat(result.stopReason().condition()).isEqualTo("max_messages");
        // 1 task message + 2 per turn: the 10th turn brings the count to 21 >= 20.
        assertThat(result.messages()).hasSize(20);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.HandedOff).hasSize(9);
        List<String> speakers = events.stream().filter(e -> e instanceof RunEvent.TurnStarted)
                .map(e -> ((RunEvent.TurnStarted) e).agent()).toList();
        assertThat(speakers).startsWith("a", "b", "c", "a", "b", "c");
        assertThat(events).extracting(RunEvent::sequence).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aCycleStopsByTimeoutWhenTheClockRunsOut() {
        // A clock that advances one minute per reading: the timeout fires long before the message cap.
        Clock ticking = new Clock() {
            private long minutes;
            @Override public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public java.time.Instant instant() { return Fixtures.NOW.plusSeconds(60 * minutes++); }
        };
        Swarm swarm = Swarm.builder("cycle")
                .agents(handsTo("a", "b"), handsTo("b", "c"), handsTo("c", "a"))
                .handoff("a", "b", null).handoff("b", "c", null).handoff("c", "a", null)
                .termination(Terminations.maxMessages(1000).or(Terminations.timeout(Duration.ofMinutes(5), ticking)))
                .build();

        TeamResult result = swarm.run(List.of(), Fixtures.context());

        assertThat(result.stopReason().condition()).isEqualTo("timeout");
        assertThat(result.messages().size()).isBetween(2, 20);
    }

    @Test
    void anAgentThatNeverHandsOffGetsABoundedNumberOfTurns() {
        int[] turns = {0};
        Swarm swarm = Swarm.builder("s")
                .agents(agent("talker", (in, ctx) -> {
                    turns[0]++;
                    return AgentResponse.of(new TextMessage("talker", ctx.clock().instant(), "hmm"));
                }))
                .maxTurnsWithoutHandoff(4)
                .termination(Terminations.maxMessages(10_000))
                .build();

        TeamResult result = swarm.run(List.of(), Fixtures.context());

        assertThat(turns[0]).isEqualTo(4);
        assertThat(result.stopReason().condition()).isEqualTo("no_handoff");
        assertThat(result.stopReason().message()).contains("talker");
    }

    @Test
    void aHandoffToAnUndeclaredTargetIsAnErrorThatNamesIt() {
        Swarm swarm = Swarm.builder("s")
                .agents(handsTo("a", "ghost"), handsTo("b", "a"))
                .handoff("a", "b", null)
                .build();

        TeamResult result = swarm.run(List.of(), Fixtures.context());

        assertThat(result.stopReason().condition()).isEqualTo("invalid_handoff");
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.errorType()).isEqualTo("invalid_handoff");
            assertThat(f.message()).contains("'ghost'").contains("[b]");
        });
    }

    @Test
    void edgesToAgentsThatAreNotMembersAreRejectedAtBuildTime() {
        assertThatThrownBy(() -> Swarm.builder("s").agents(handsTo("a", "b")).handoff("a", "nobody", null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nobody");
    }

    @Test
    void aFailingAgentStopsTheSwarmWithATypedFailure() {
        Swarm swarm = Swarm.builder("s")
                .agents(agent("boom", (in, ctx) -> { throw new IllegalStateException("kaput"); }))
                .build();

        TeamResult result = swarm.run(List.<Message>of(), Fixtures.context());

        assertThat(result.failures()).singleElement()
                .satisfies(f -> assertThat(f.errorType()).isEqualTo(IllegalStateException.class.getName()));
        assertThat(result.stopReason().condition()).isEqualTo("agent_failed");
    }
}
