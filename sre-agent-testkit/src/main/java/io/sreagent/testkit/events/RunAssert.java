package io.sreagent.testkit.events;

import io.sreagent.core.event.RunEvent;
import io.sreagent.core.incident.Category;
import io.sreagent.core.message.FindingMessage;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Fluent assertions on a run's events, in the manner of the JUnit Platform testkit: what took turns, which tools
 * were called, how control moved, why it stopped and what it decided. Each failed check throws an
 * {@link AssertionError} that lists what did happen.
 */
public final class RunAssert {

    private final List<RunEvent> events;

    private RunAssert(List<RunEvent> events) {
        this.events = List.copyOf(events);
    }

    /** Starts assertions on {@code events}. */
    public static RunAssert assertThat(List<RunEvent> events) {
        return new RunAssert(Objects.requireNonNull(events, "events"));
    }

    /** The agent took at least one turn. */
    public RunAssert tookTurn(String agent) {
        List<String> turns = events.stream().filter(e -> e instanceof RunEvent.TurnStarted)
                .map(e -> ((RunEvent.TurnStarted) e).agent()).distinct().toList();
        if (!turns.contains(agent)) {
            throw new AssertionError("expected a turn of '" + agent + "'; turns were taken by " + turns);
        }
        return this;
    }

    /** The tool was called (by anyone). */
    public RunAssert calledTool(String toolId) {
        List<String> calls = events.stream().filter(e -> e instanceof RunEvent.ToolCalled)
                .map(e -> ((RunEvent.ToolCalled) e).toolId()).distinct().toList();
        if (!calls.contains(toolId)) {
            throw new AssertionError("expected a call of " + toolId + "; tools called: " + calls);
        }
        return this;
    }

    /** Control moved from one agent to another. */
    public RunAssert handedOff(String from, String to) {
        List<String> moves = events.stream().filter(e -> e instanceof RunEvent.HandedOff)
                .map(e -> ((RunEvent.HandedOff) e).from() + "->" + ((RunEvent.HandedOff) e).to()).toList();
        if (!moves.contains(from + "->" + to)) {
            throw new AssertionError("expected a handoff " + from + "->" + to + "; handoffs: " + moves);
        }
        return this;
    }

    /** The team stopped because of this condition. */
    public RunAssert terminatedBy(String team, String condition) {
        List<String> stops = events.stream().filter(e -> e instanceof RunEvent.Terminated)
                .map(e -> ((RunEvent.Terminated) e).team() + ":" + ((RunEvent.Terminated) e).condition()).toList();
        if (!stops.contains(team + ":" + condition)) {
            throw new AssertionError("expected " + team + " to stop by " + condition + "; stops: " + stops);
        }
        return this;
    }

    /** Some agent produced a finding of this category. */
    public RunAssert found(Category category) {
        List<String> found = events.stream().filter(e -> e instanceof RunEvent.MessageEmitted m
                        && m.message() instanceof FindingMessage)
                .map(e -> ((FindingMessage) ((RunEvent.MessageEmitted) e).message()).finding().category().name())
                .distinct().toList();
        if (!found.contains(category.name())) {
            throw new AssertionError("expected a finding of " + category + "; findings: " + found);
        }
        return this;
    }

    /** The run decided this root-cause category. */
    public RunAssert decided(Category category) {
        List<String> decided = events.stream().filter(e -> e instanceof RunEvent.Decided)
                .map(e -> ((RunEvent.Decided) e).decision().path("root_cause").path("category").asText())
                .collect(Collectors.toList());
        if (!decided.contains(category.name())) {
            throw new AssertionError("expected a decision of " + category + "; decisions: " + decided);
        }
        return this;
    }

    /** Event sequence numbers of each run increase by one, in order. */
    public RunAssert inOrder() {
        var byRun = events.stream().collect(Collectors.groupingBy(RunEvent::runId));
        byRun.forEach((run, es) -> {
            for (int i = 1; i < es.size(); i++) {
                if (es.get(i).sequence() != es.get(i - 1).sequence() + 1) {
                    throw new AssertionError("run " + run + ": event " + es.get(i) + " follows sequence "
                            + es.get(i - 1).sequence());
                }
            }
        });
        return this;
    }
}
