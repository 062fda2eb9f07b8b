package io.sreagent.core.agent;

import io.sreagent.core.event.EventSink;
import io.sreagent.core.workflow.WorkflowContext;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What an agent gets for a turn: the incident's shared context, the tools it may call, the clock, cancellation, the
 * event sink and the host's executor.
 *
 * @param runId        the run
 * @param team         the team the agent is speaking in (null at top level)
 * @param workflow     the incident's blackboard
 * @param tools        the tools this agent may call
 * @param clock        the clock to read {@code now} from (never the wall clock)
 * @param cancellation the run's cancellation flag
 * @param events       where to report what happens
 * @param executor     the host's executor, for parallel branches
 */
public record AgentContext(String runId, String team, WorkflowContext workflow, AgentTools tools, Clock clock,
                           Cancellation cancellation, EventSink events, Executor executor) {
    public AgentContext {
        Objects.requireNonNull(runId, "run_id");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(executor, "executor");
    }

    /**
     * A context for a new run over {@code workflow} with every tool of {@code registry}, dry-run on, the system
     * clock, no event listeners and the common fork-join pool; adjust with the {@code with...} methods.
     */
    public static AgentContext forRun(WorkflowContext workflow, io.sreagent.core.tool.ToolRegistry registry) {
        return forRun(workflow, registry, Clock.systemUTC(), EventSink.discarding(),
                java.util.concurrent.ForkJoinPool.commonPool(), true);
    }

    /** A context for a new run with explicit clock, events, executor and dry-run setting. */
    public static AgentContext forRun(WorkflowContext workflow, io.sreagent.core.tool.ToolRegistry registry, Clock clock,
                                      EventSink events, Executor executor, boolean dryRun) {
        String runId = "run-" + workflow.incidentId();
        AgentTools tools = new AgentTools(registry, id -> true, dryRun, workflow, events, clock, runId);
        return new AgentContext(runId, null, workflow, tools, clock, new Cancellation(), events, executor);
    }

    /** The same context inside team {@code name}. */
    public AgentContext inTeam(String name) {
        return new AgentContext(runId, name, workflow, tools, clock, cancellation, events, executor);
    }

    /** The same context under another cancellation flag (see {@link Cancellation#child()}). */
    public AgentContext withCancellation(Cancellation c) {
        return new AgentContext(runId, team, workflow, tools, clock, c, events, executor);
    }

    /** The same context with other tools. */
    public AgentContext withTools(AgentTools t) {
        return new AgentContext(runId, team, workflow, t, clock, cancellation, events, executor);
    }
}
