package io.sreagent.core.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.event.EventSink;
import io.sreagent.core.event.RunEvent;
import io.sreagent.core.message.ToolCallMessage;
import io.sreagent.core.message.ToolResultMessage;
import io.sreagent.core.tool.Approval;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolError;
import io.sreagent.core.tool.ToolInvocation;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.tool.ToolResult;
import io.sreagent.core.workflow.WorkflowContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The tools one agent may call in a run, and the way it calls them: through the registry's interceptor chain, with
 * the run's dry-run setting, recorded in the transcript and reported as events.
 *
 * <p>Thread-safe. Calls of tools outside the agent's allowance are refused with a REFUSED error.
 */
public final class AgentTools {

    private final ToolRegistry registry;
    private final Predicate<String> allowed;
    private final boolean dryRun;
    private final WorkflowContext workflow;
    private final EventSink events;
    private final Clock clock;
    private final String runId;
    private final AtomicLong callIds;
    private final Clock timeSource;
    private final Instant deadline;
    private final io.sreagent.core.telemetry.Telemetry telemetry;

    /** Tools for a run. {@code allowed} filters tool ids; {@code dryRun} is the run's global setting. */
    public AgentTools(ToolRegistry registry, Predicate<String> allowed, boolean dryRun, WorkflowContext workflow,
                      EventSink events, Clock clock, String runId) {
        this(registry, allowed, dryRun, workflow, events, clock, runId, new AtomicLong(), clock, null,
                io.sreagent.core.telemetry.Telemetry.NOOP);
    }

    /**
     * Tools for a run that must end by {@code deadline} on {@code timeSource} (the host's time source, not the
     * scenario clock agents read): once it has passed, every call answers TIMEOUT at once and the run is marked
     * degraded, so a slow source cannot hold the run (and the command around it) past its bound.
     */
    public AgentTools(ToolRegistry registry, Predicate<String> allowed, boolean dryRun, WorkflowContext workflow,
                      EventSink events, Clock clock, String runId, Clock timeSource, Instant deadline) {
        this(registry, allowed, dryRun, workflow, events, clock, runId, new AtomicLong(),
                Objects.requireNonNull(timeSource, "timeSource"), Objects.requireNonNull(deadline, "deadline"),
                io.sreagent.core.telemetry.Telemetry.NOOP);
    }

    private AgentTools(ToolRegistry registry, Predicate<String> allowed, boolean dryRun, WorkflowContext workflow,
                       EventSink events, Clock clock, String runId, AtomicLong callIds, Clock timeSource,
                       Instant deadline, io.sreagent.core.telemetry.Telemetry telemetry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.dryRun = dryRun;
        this.workflow = workflow;
        this.events = events;
        this.clock = clock;
        this.runId = runId;
        this.callIds = callIds;
        this.timeSource = timeSource;
        this.deadline = deadline;
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    }

    /** The same tools, traced and measured by {@code t}. */
    public AgentTools withTelemetry(io.sreagent.core.telemetry.Telemetry t) {
        return new AgentTools(registry, allowed, dryRun, workflow, events, clock, runId, callIds, timeSource, deadline, t);
    }

    /** The run's telemetry (a no-op unless the host installed the OpenTelemetry SDK). */
    public io.sreagent.core.telemetry.Telemetry telemetry() {
        return telemetry;
    }

    /** The same tools restricted further to ids in {@code ids} (or namespaces written {@code ns.*}). */
    public AgentTools restrictedTo(Set<String> ids) {
        Predicate<String> p = id -> ids.contains(id)
                || ids.stream().anyMatch(s -> s.endsWith(".*") && id.startsWith(s.substring(0, s.length() - 1)));
        return new AgentTools(registry, allowed.and(p), dryRun, workflow, events, clock, runId, callIds, timeSource, deadline,
                telemetry);
    }

    /** Whether the run executes for real (only approved actions, and only when this is false). */
    public boolean dryRun() {
        return dryRun;
    }

    /** The tools this agent may call. */
    public List<Tool> available() {
        return registry.tools().stream().filter(t -> allowed.test(t.id())).toList();
    }

    /** Whether this agent may call a tool with this id and it is registered. */
    public boolean has(String toolId) {
        return allowed.test(toolId) && registry.has(toolId);
    }

    /** Calls a read tool (or a mutating one in dry-run). */
    public ToolResult call(String agent, String toolId, ObjectNode arguments) {
        return call(agent, toolId, arguments, null);
    }

    /**
     * Calls a tool; with an approval and the run not in dry-run mode, a mutating tool may change the world.
     * Never throws for tool failures.
     */
    public ToolResult call(String agent, String toolId, ObjectNode arguments, Approval approval) {
        String callId = "call-" + callIds.incrementAndGet();
        ObjectNode args = arguments == null ? io.sreagent.core.support.Json.object() : arguments;
        if (workflow != null) {
            workflow.record(List.of(new ToolCallMessage(agent, clock.instant(), callId, toolId, args)));
        }
        events.emit(seq -> new RunEvent.ToolCalled(runId, seq, clock.instant(), agent, toolId, args));
        long start = System.nanoTime();
        io.opentelemetry.api.trace.Span span = telemetry.startTool(agent, toolId);
        ToolResult result = null;
        try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            result = dispatch(agent, toolId, args, approval);
        } finally {
            telemetry.endTool(span, toolId, result == null ? "exception" : result.isError() ? result.error().kind().name() : null);
        }
        long micros = (System.nanoTime() - start) / 1000;
        ToolResult r = result;
        if (workflow != null) {
            workflow.record(List.of(new ToolResultMessage(agent, clock.instant(), callId, toolId, r)));
        }
        String summary = r.text().length() > 300 ? r.text().substring(0, 300) + "..." : r.text();
        events.emit(seq -> new RunEvent.ToolReturned(runId, seq, clock.instant(), agent, toolId, r.isError(), summary,
                micros));
        return r;
    }

    private ToolResult dispatch(String agent, String toolId, ObjectNode args, Approval approval) {
        if (!allowed.test(toolId)) {
            return ToolResult.error(ToolError.Kind.REFUSED, "agent " + agent + " may not call `" + toolId + "`");
        }
        if (deadline != null && !timeSource.instant().isBefore(deadline)) {
            if (workflow != null && workflow.degraded().stream().noneMatch(d -> d.startsWith("timeout: "))) {
                workflow.markDegraded("timeout: the run's time limit was reached; " + agent
                        + " and the agents after it could not consult their sources (first refused: " + toolId + ")");
            }
            return ToolResult.error(ToolError.Kind.TIMEOUT, "the run's timeout was reached before " + agent
                    + " could call `" + toolId + "`");
        }
        return registry.invoke(new ToolInvocation(toolId, args, agent, dryRun, approval));
    }

    /** These tools bound to {@code agent}: its calls are made and recorded under its name. */
    public Bound as(String agent) {
        return new Bound(this, Objects.requireNonNull(agent, "agent"));
    }

    /** The run's tools bound to one agent, so its calls need not pass its name. Thread-safe. */
    public static final class Bound {
        private final AgentTools tools;
        private final String agent;

        private Bound(AgentTools tools, String agent) {
            this.tools = tools;
            this.agent = agent;
        }

        /** Whether the agent may call {@code toolId} and it is registered. */
        public boolean has(String toolId) {
            return tools.has(toolId);
        }

        /** Calls a read tool (or a mutating one in dry-run). */
        public ToolResult call(String toolId, ObjectNode arguments) {
            return tools.call(agent, toolId, arguments);
        }

        /** Calls a tool with a person's approval. */
        public ToolResult call(String toolId, ObjectNode arguments, Approval approval) {
            return tools.call(agent, toolId, arguments, approval);
        }
    }
}
