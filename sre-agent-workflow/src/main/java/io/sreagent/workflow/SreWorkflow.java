package io.sreagent.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.agent.AgentTools;
import io.sreagent.core.agent.Cancellation;
import io.sreagent.core.event.EventBus;
import io.sreagent.core.event.EventListener;
import io.sreagent.core.event.RunEvent;
import io.sreagent.core.incident.ActionStatus;
import io.sreagent.core.incident.Category;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Evidence;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ModelReport;
import io.sreagent.core.llm.ModelSession;
import io.sreagent.workflow.internal.llm.LlmTriage;
import io.sreagent.workflow.internal.llm.ModelSelection;
import io.sreagent.workflow.internal.llm.Summariser;
import io.sreagent.workflow.internal.view.ChatResponder;
import io.sreagent.workflow.internal.view.EvidenceView;
import org.jspecify.annotations.Nullable;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.RootCause;
import io.sreagent.core.incident.TranscriptEntry;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.message.TextMessage;
import io.sreagent.core.redaction.RedactingInterceptor;
import io.sreagent.core.redaction.Redactor;
import io.sreagent.core.safety.AuditTrail;
import io.sreagent.core.safety.Guard;
import io.sreagent.core.safety.SafetyInterceptor;
import io.sreagent.workflow.internal.agents.ActionExecutor;
import io.sreagent.workflow.internal.agents.AnomalyDetectorAgent;
import io.sreagent.workflow.internal.agents.ApprovalAgent;
import io.sreagent.workflow.internal.agents.ClusterAnalysisAgent;
import io.sreagent.workflow.internal.agents.DiagnosisAgent;
import io.sreagent.workflow.internal.agents.GuardAgent;
import io.sreagent.workflow.internal.agents.LogPatternAgent;
import io.sreagent.workflow.internal.agents.LogQueryAgent;
import io.sreagent.workflow.internal.agents.LogSummaryAgent;
import io.sreagent.workflow.internal.agents.MetricAnalyserAgent;
import io.sreagent.workflow.internal.agents.MetricQueryAgent;
import io.sreagent.workflow.internal.agents.RecommendationAgent;
import io.sreagent.workflow.internal.agents.TriageAgent;
import io.sreagent.core.support.Json;
import io.sreagent.core.team.Orchestrator;
import io.sreagent.core.team.PlanSelection;
import io.sreagent.core.team.SelectionStrategy;
import io.sreagent.core.team.SequentialTeam;
import io.sreagent.core.team.Swarm;
import io.sreagent.core.team.Team;
import io.sreagent.core.termination.TerminationCondition;
import io.sreagent.core.termination.Terminations;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.workflow.WorkflowContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SRE workflow, embeddable in three lines:
 * <pre>{@code
 * SreWorkflow workflow = SreWorkflow.builder().config(config).tools(registry).build();
 * Decision decision = workflow.processIncident(trigger);
 * }</pre>
 *
 * <p>An Orchestrator leads Triage, cluster analysis, the Log Analysis Team (log query ↔ log pattern → log
 * summariser) and the Metric Analysis Team (metric query → metric analyser → anomaly detector), the two teams in
 * parallel; a diagnosis step weighs the evidence; then the Action Team (recommendation → guard, back on rejection →
 * approval) proposes actions that the deterministic guard rules on. Every agent uses tools only through the registry.
 * A source that is down degrades the decision (listed in {@code degraded}, lower confidence) instead of failing it.
 *
 * <p>Thread-safe: {@link #processIncident} may run concurrently; each run has its own context. Decisions are kept (the
 * last {@value #KEEP_INCIDENTS}) for {@link #execute} and {@link #incident}.
 */
public final class SreWorkflow {

    /** How many recent incidents are kept for approval and lookup. */
    public static final int KEEP_INCIDENTS = 500;

    /** The investigation: the orchestrator that leads triage, cluster analysis, the log and metric teams, diagnosis. */
    public static final String INVESTIGATION = "investigation";
    /** The Log Analysis Team (a swarm: log query, log pattern, log summariser). */
    public static final String LOG_TEAM = "log_analysis";
    /** The Metric Analysis Team (a swarm: metric query, metric analyser, anomaly detector). */
    public static final String METRIC_TEAM = "metric_analysis";
    /** The Action Team (a swarm: recommendation, guard, approval). */
    public static final String ACTION_TEAM = "action";
    private static final Set<String> TEAMS = Set.of(INVESTIGATION, LOG_TEAM, METRIC_TEAM, ACTION_TEAM);
    /** The timeline kind of an approval attempt. */
    private static final String APPROVAL = "approval";
    /** The investigation's plan steps, in order (see {@link #investigation()}). */
    private static final List<String> INVESTIGATION_STEPS = List.of("triage", "cluster", "first_diagnosis",
            "logs_and_metrics", "diagnosis");

    /** At most this much of the run's limit is kept for what follows the investigation (see {@link #deciding()}). */
    private static final Duration DECIDING = Duration.ofMillis(300);

    private final WorkflowConfig config;
    private final ToolRegistry tools;
    private final Clock clock;
    private final Clock timeSource;
    private final Executor executor;
    private final List<EventListener> listeners;
    private final AuditTrail audit;
    private final Guard guard;
    private final Map<String, List<Agent>> hostAgents;
    private final List<HostStep> hostSteps;
    private final Map<String, Agent> replacements;
    private final SelectionStrategy selection;
    private final boolean builtInInvestigation;
    private final @Nullable LlmMode llm;
    private final io.sreagent.core.telemetry.Telemetry telemetry;
    /** The executor agents get: the host's, as CompletableFuture would use it, carrying the trace context. */
    private final Executor runExecutor;
    private final Redactor redactor = new Redactor();
    private final ActionExecutor actionExecutor = new ActionExecutor();
    private final AtomicLong sequence = new AtomicLong();
    private final IncidentStore store;
    /** Striped locks by incident, so that two approvals of one action execute it once. */
    private final Object[] approvals = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    /** An investigation step a host added. */
    private record HostStep(String id, String why, List<Agent> agents) {
    }

    private SreWorkflow(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.timeSource = b.timeSource;
        this.executor = b.executor;
        this.listeners = List.copyOf(b.listeners);
        this.audit = b.audit;
        this.hostAgents = Map.copyOf(b.hostAgents);
        this.hostSteps = List.copyOf(b.hostSteps);
        this.replacements = Map.copyOf(b.replacements);
        this.selection = b.selection;
        this.builtInInvestigation = b.builtInInvestigation;
        this.llm = b.llm;
        this.telemetry = b.telemetry;
        this.runExecutor = runExecutor(b.executor, b.telemetry);
        this.store = b.store;
        this.guard = new Guard(config.safety().withApproval(config.effectiveApproval()));
        this.tools = b.tools
                .withInterceptor(new SafetyInterceptor(guard.policy(), audit, clock))
                .withInterceptor(new RedactingInterceptor(redactor));
    }

    /** Starts a workflow. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration in force. */
    public WorkflowConfig config() {
        return config;
    }

    /** The audit trail of attempted changes. */
    public AuditTrail audit() {
        return audit;
    }

    /** Diagnoses one incident and returns the decision. Never throws for a source that is down. */
    public Decision processIncident(Trigger trigger) {
        return processIncident(trigger, e -> { });
    }

    /** Diagnoses one incident, reporting the run's events to {@code listener} as they happen. */
    public Decision processIncident(Trigger trigger, EventListener listener) {
        return processIncident(trigger, listener, new Cancellation());
    }

    /**
     * Diagnoses one incident that the host may cancel from another thread: {@code cancellation.cancel(why)} stops
     * the run between steps, and the decision is made from what was found so far.
     */
    public Decision processIncident(Trigger trigger, EventListener listener, Cancellation cancellation) {
        return processIncident(newIncidentId(), trigger, listener, cancellation);
    }

    /** A fresh incident id, for a host that must name an incident before its run ends (a 202 to poll). */
    public String newIncidentId() {
        // The random part keeps ids unique across workflow instances sharing a store (a restart, several replicas),
        // even on a frozen scenario clock.
        return "inc-" + Long.toHexString(clock.millis() / 1000) + "-" + sequence.incrementAndGet() + "-"
                + String.format("%06x", java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 24));
    }

    /** As {@link #processIncident(Trigger, EventListener, Cancellation)}, under an id from {@link #newIncidentId()}. */
    public Decision processIncident(String id, Trigger trigger, EventListener listener, Cancellation cancellation) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cancellation, "cancellation");
        Objects.requireNonNull(trigger, "trigger");
        // Redacted at the door: no agent, event, transcript or decision ever holds a secret the trigger carried.
        trigger = redactor.redactTrigger(trigger);
        long start = System.nanoTime(); // measures duration_ms only; the time limit reads the time source
        java.time.Instant deadline = timeSource.instant().plus(config.timeout());
        WorkflowContext wf = new WorkflowContext(id, trigger);
        List<TranscriptEntry> transcript = Collections.synchronizedList(new ArrayList<>());
        EventBus bus = new EventBus(executor);
        listeners.forEach(bus::listen);
        bus.listen(listener).listen(e -> transcribe(e, transcript));
        AgentContext ctx = context(wf, bus, "run-" + id, deadline, cancellation);
        io.opentelemetry.api.trace.Span span = telemetry.startRun(id);
        try (bus; io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
            Team investigation = investigation();
            List<io.sreagent.core.message.Message> task = List.of(new TextMessage("trigger", clock.instant(),
                    trigger.eventType() + " " + trigger.reason() + " on " + trigger.resource() + ": " + trigger.message()));
            Optional<io.sreagent.core.team.TeamResult> investigated = stage(investigation, task, ctx,
                    "investigation-" + id, left(start, deciding()), () -> wf.markDegraded(
                            "timeout: the investigation did not finish within the run's limit of "
                                    + config.timeout().toSeconds() + " s; steps not completed: "
                                    + String.join(", ", notCompleted(wf))));
            // an agent that failed (a host's agent throwing, say) is evidence the decision could not use; its
            // message stays in the trace, not in the decision, which must not echo what an exception carried
            investigated.ifPresent(r -> r.failures().forEach(
                    f -> wf.markDegraded("agent " + f.agent() + ": failed (" + f.errorType() + ")")));
            if (!timeSource.instant().isBefore(deadline) && wf.degraded().stream().noneMatch(d -> d.startsWith("timeout: "))) {
                List<String> skipped = notCompleted(wf);
                wf.markDegraded("timeout: the investigation reached the run's limit of " + config.timeout().toSeconds()
                        + " s" + (skipped.isEmpty() ? "" : "; steps not completed: " + String.join(", ", skipped)));
            }
            if (wf.hypotheses().isEmpty() || investigated.isEmpty() && !wf.stepCompleted("diagnosis")) {
                // the built-in one: a host's replacement may be what did not return
                new DiagnosisAgent().respond(List.of(), ctx);
            }
            review().ifPresent(team -> stage(team, List.of(), ctx, "review-" + id, left(start, deciding().dividedBy(2)),
                    () -> {
                        wf.markDegraded("llm: the summariser did not finish within the run's limit");
                        wf.putFact(Summariser.FACT, Json.object().put("root_cause_by", ModelReport.RULES_FALLBACK)
                                .set("notes", Json.mapper().createArrayNode().add(
                                        "the deterministic decision stands (the review did not finish in time)")));
                    }));
            Duration left = left(start, deciding().dividedBy(4));
            if (stage(actionTeam(true), List.of(), ctx, "actions-" + id,
                    left.compareTo(deciding().dividedBy(2)) < 0 ? deciding().dividedBy(2) : left,
                    () -> wf.markDegraded("timeout: the action team did not finish within the run's limit of "
                            + config.timeout().toSeconds() + " s; the built-in action team ran without the host's agents"))
                    .isEmpty()) {
                // a host's action agent that never returned: the built-in team still proposes, and its guard rules
                // on everything proposed so far
                actionTeam(false).run(List.of(), ctx);
            }
            Decision d = decide(wf, transcript, (System.nanoTime() - start) / 1_000_000);
            bus.emit(seq -> new RunEvent.Decided(ctx.runId(), seq, clock.instant(), Json.mapper().valueToTree(d)));
            store.save(new IncidentStore.Stored(d, wf.snapshot()));
            telemetry.endRun(span, d.rootCause().category().name(), d.confidence(), d.degraded().size(), d.durationMs(),
                    d.actions().stream().map(a -> a.status().name()).toList());
            return d;
        } catch (RuntimeException e) {
            telemetry.fail(span, e);
            span.end();
            throw e;
        }
    }

    /**
     * {@code team}'s result, or empty when it did not return within {@code limit}: then {@code overran} records it
     * (before the team can move, so that what it reports is what the team had not done), the team's turns are
     * cancelled, its thread is interrupted and left to end on its own, and the run goes on without it. A thread of its
     * own, not the host's executor: a bounded pool could starve the parallel branches the team starts on it.
     */
    private Optional<io.sreagent.core.team.TeamResult> stage(Team team, List<io.sreagent.core.message.Message> input,
                                                             AgentContext ctx, String name, Duration limit,
                                                             Runnable overran) {
        Cancellation stage = ctx.cancellation().child();
        java.util.concurrent.FutureTask<io.sreagent.core.team.TeamResult> task = new java.util.concurrent.FutureTask<>(
                () -> team.run(input, ctx.withCancellation(stage)));
        Thread t = new Thread(telemetry == io.sreagent.core.telemetry.Telemetry.NOOP ? task
                : io.opentelemetry.context.Context.current().wrap(task), "sre-agent-" + name);
        t.setDaemon(true);
        t.start();
        try {
            return Optional.of(task.get(Math.max(0, limit.toNanos()), java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (java.util.concurrent.TimeoutException e) {
            overran.run();
            stage.cancel(team.name() + " did not finish within the run's limit");
            task.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted while waiting for the " + name);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What is left of the run's limit, started at {@code start} (nanoTime), once {@code keep} is set aside. */
    private Duration left(long start, Duration keep) {
        return config.timeout().minus(keep).minus(Duration.ofNanos(System.nanoTime() - start));
    }

    /** What the run keeps for diagnosis, actions and the decision: a tenth of its limit, at most {@link #DECIDING}. */
    private Duration deciding() {
        Duration tenth = config.timeout().dividedBy(10);
        return tenth.compareTo(DECIDING) < 0 ? tenth : DECIDING;
    }

    /** The investigation's steps, built-in and the host's, that have not completed. */
    private List<String> notCompleted(WorkflowContext wf) {
        List<String> steps = new ArrayList<>(builtInInvestigation ? INVESTIGATION_STEPS.subList(0, 4) : List.of());
        hostSteps.forEach(h -> steps.add(h.id()));
        steps.add("diagnosis");
        return steps.stream().filter(step -> !wf.stepCompleted(step)).toList();
    }

    /**
     * The executor parallel branches and concurrent queries run on. The common pool with one worker (2 cores) would
     * run them one after another, so there, as {@link java.util.concurrent.CompletableFuture} itself does, each task
     * gets a thread; with telemetry on, each task carries the run's trace context.
     */
    private static Executor runExecutor(Executor executor, io.sreagent.core.telemetry.Telemetry telemetry) {
        Executor base = executor == ForkJoinPool.commonPool() && ForkJoinPool.getCommonPoolParallelism() < 2
                ? task -> {
                    Thread t = new Thread(task, "sre-agent-branch");
                    t.setDaemon(true);
                    t.start();
                }
                : executor;
        return telemetry == io.sreagent.core.telemetry.Telemetry.NOOP ? base
                : io.opentelemetry.context.Context.taskWrapping(base);
    }

    /** A stored decision by incident id. */
    public Optional<Decision> incident(String incidentId) {
        return store.load(incidentId).map(IncidentStore.Stored::decision);
    }

    /**
     * Every approval attempt of an incident, oldest first: who, when (on the time source), which action, what came of
     * it (executed, dry-run, refused by the guard, refused as already done). Empty for an unknown incident.
     */
    public List<io.sreagent.core.workflow.TimelineEntry> approvals(String incidentId) {
        return store.load(incidentId).map(s -> s.state().timeline().stream().filter(t -> APPROVAL.equals(t.kind())).toList())
                .orElse(List.of());
    }

    /**
     * The evidence of a stored incident ready to draw: the metric series the metric team read, with change points
     * and limits, the rollout and trigger times, and the log templates (see the web page's charts). Empty for an
     * unknown incident.
     */
    public Optional<ObjectNode> evidence(String incidentId) {
        return store.load(incidentId).map(s -> redactor.redactTree(EvidenceView.of(s.state()))).map(ObjectNode.class::cast);
    }

    /**
     * Answers a person's question about a stored incident from its decision and evidence: with the chat model when
     * one is set ({@link LlmMode#CHAT}), else deterministically (why this cause, what else was considered, what the
     * logs and metrics said, what to do). Redacted. Empty for an unknown incident.
     */
    public Optional<String> ask(String incidentId, String question) {
        Objects.requireNonNull(question, "question");
        ChatResponder responder = new ChatResponder(llm == null ? null : llm.model(LlmMode.CHAT).orElse(null),
                llm == null ? io.sreagent.core.llm.ModelSession.Limits.standard() : llm.limits());
        return store.load(incidentId).map(s -> redactor.redact(responder.answer(s.decision(), s.state(),
                question.length() > 2_000 ? question.substring(0, 2_000) : question)));
    }

    /**
     * A person declines an action awaiting approval: it becomes DENIED, with who and when on the record, and can no
     * longer be executed.
     *
     * @throws ApprovalException.UnknownIncident     if the incident is unknown
     * @throws ApprovalException.UnknownAction       if the incident has no such action
     * @throws ApprovalException.NotAwaitingApproval if the action is not awaiting approval
     * @throws ApprovalException.MissingApprover     if {@code deniedBy} is blank
     */
    public ProposedAction deny(String incidentId, String actionId, String deniedBy) {
        if (deniedBy == null || deniedBy.isBlank()) {
            throw new ApprovalException.MissingApprover();
        }
        synchronized (lock(incidentId)) {
            Pending p = pending(incidentId, actionId, deniedBy, "deny");
            ProposedAction a = p.action();
            ProposedAction denied = new ProposedAction(a.id(), a.type(), a.target(), a.params(), a.risk(),
                    ActionStatus.DENIED, a.reason(), a.guard(), Json.object().put("denied_by", deniedBy)
                    .put("denied_at", timeSource.instant().toString()), deniedBy);
            p.wf().putAction(denied);
            return remember(incidentId, p.stored(), p.wf(), redactor.redactAction(denied));
        }
    }

    /** An action awaiting approval, with its incident: the state a person's decision starts from. */
    private record Pending(IncidentStore.Stored stored, WorkflowContext wf, ProposedAction action) {
    }

    /**
     * The action {@code actionId} of the incident, which must await approval; a refused attempt ({@code what} by
     * {@code who}) is on the record too.
     */
    private Pending pending(String incidentId, String actionId, String who, String what) {
        IncidentStore.Stored s = store.load(incidentId)
                .orElseThrow(() -> new ApprovalException.UnknownIncident(incidentId, KEEP_INCIDENTS));
        WorkflowContext wf = WorkflowContext.restore(s.state());
        ProposedAction a = wf.action(actionId).orElseThrow(() -> new ApprovalException.UnknownAction(incidentId, actionId));
        if (a.status() != ActionStatus.AWAITING_APPROVAL) {
            wf.log(timeSource.instant(), who, APPROVAL, actionId + " " + what + " refused: it is " + a.status());
            store.save(new IncidentStore.Stored(s.decision(), wf.snapshot()));
            throw new ApprovalException.NotAwaitingApproval(actionId, a.status());
        }
        return new Pending(s, wf, a);
    }

    /** The lock of an incident's approvals: striped, so that two decisions on one action are taken one at a time. */
    private Object lock(String incidentId) {
        return approvals[Math.floorMod(String.valueOf(incidentId).hashCode(), approvals.length)];
    }

    /** The kept decisions, most recent first. */
    public List<Decision> recentIncidents() {
        return store.recent(KEEP_INCIDENTS).stream().map(IncidentStore.Stored::decision).toList();
    }

    /**
     * Carries out one action a person approved: the guard reviews it again against the incident's evidence, then it
     * runs (a dry-run unless the workflow allows real changes).
     *
     * @throws ApprovalException.UnknownIncident     if the incident is unknown
     * @throws ApprovalException.UnknownAction       if the incident has no such action
     * @throws ApprovalException.NotAwaitingApproval if the action is not awaiting approval
     * @throws ApprovalException.MissingApprover     if {@code approvedBy} is blank
     */
    public ProposedAction execute(String incidentId, String actionId, String approvedBy) {
        if (approvedBy == null || approvedBy.isBlank()) {
            throw new ApprovalException.MissingApprover();
        }
        synchronized (lock(incidentId)) {
            return approve(incidentId, actionId, approvedBy);
        }
    }

    private ProposedAction approve(String incidentId, String actionId, String approvedBy) {
        Pending p = pending(incidentId, actionId, approvedBy, "approval");
        IncidentStore.Stored s = p.stored();
        WorkflowContext wf = p.wf();
        ProposedAction a = p.action();
        long allowed = wf.actions().stream().filter(x -> !x.id().equals(actionId) && x.type().executable()
                && (x.status() == ActionStatus.EXECUTED || x.status() == ActionStatus.EXECUTED_DRY_RUN)).count();
        Guard.Review review = guard.review(a, wf.findings(), (int) allowed);
        if (!review.verdict().allowed()) {
            ProposedAction rejected = a.withGuard(review.verdict(), review.risk()).withStatus(ActionStatus.REJECTED);
            wf.putAction(rejected);
            return remember(incidentId, s, wf, redactor.redactAction(rejected));
        }
        ProposedAction approved = a.withGuard(review.verdict(), review.risk()).approvedBy(approvedBy);
        wf.putAction(approved);
        try (EventBus bus = new EventBus(executor)) {
            return remember(incidentId, s, wf, redactor.redactAction(actionExecutor.execute(approved, context(wf, bus,
                    "exec-" + incidentId, timeSource.instant().plus(config.timeout()), new Cancellation()))));
        }
    }

    /** Stores {@code action}'s new state with the incident, so a lookup (and a restart) sees what became of it. */
    private ProposedAction remember(String incidentId, IncidentStore.Stored s, WorkflowContext wf, ProposedAction action) {
        wf.log(timeSource.instant(), String.valueOf(action.approvedBy()), APPROVAL, action.id() + " " + action.type() + ": "
                + action.status() + (action.guard() != null && !action.guard().allowed() ? " by the guard" : ""));
        Decision d = s.decision();
        List<ProposedAction> actions = d.actions().stream().map(x -> x.id().equals(action.id()) ? action : x).toList();
        store.save(new IncidentStore.Stored(d.withActions(actions), wf.snapshot()));
        return action;
    }

    /** Architecture, teams, agents, tools, termination conditions and safety settings, as JSON. */
    public ObjectNode info() {
        ObjectNode o = Json.object();
        o.put("architecture", "Orchestrator(triage -> cluster_analysis -> diagnosis -> [log_analysis || metric_analysis]"
                + " -> diagnosis) then Swarm action(recommendation -> guard -> approval)");
        ArrayNode teams = o.putArray("teams");
        describe(investigation(), teams);
        describe(actionTeam(true), teams);
        ArrayNode ts = o.putArray("tools");
        for (Tool t : tools.tools()) {
            ts.addObject().put("id", t.id()).put("safety", t.safety().name()).put("description", t.description());
        }
        o.put("termination", termination().toString());
        ObjectNode safety = o.putObject("safety");
        safety.put("dry_run", config.safety().dryRun());
        safety.put("require_human_approval", config.requireHumanApproval());
        safety.put("approval_policy", config.effectiveApproval().name().toLowerCase(java.util.Locale.ROOT));
        safety.set("protected_namespaces", Json.mapper().valueToTree(new java.util.TreeSet<>(config.safety().protectedNamespaces())));
        safety.set("human_in_the_loop", Json.mapper().valueToTree(config.safety().humanApprovalTypes()));
        safety.put("max_actions_per_incident", config.safety().maxActionsPerIncident());
        safety.put("max_replicas", config.safety().maxReplicas());
        o.put("timeout_seconds", config.timeout().toSeconds());
        o.put("max_turns", config.maxTurns());
        return o;
    }

    private void describe(Agent a, ArrayNode out) {
        ObjectNode n = out.addObject().put("name", a.name()).put("description", a.description())
                .put("kind", a.getClass().getSimpleName());
        if (a instanceof Team t) {
            ArrayNode members = n.putArray("members");
            for (Agent m : t.members()) {
                if (m instanceof Team) {
                    describe(m, members);
                } else {
                    members.addObject().put("name", m.name()).put("description", m.description())
                            .put("enabled", config.enabled(m.name()));
                }
            }
            if (a instanceof Swarm s) {
                n.set("handoffs", Json.mapper().valueToTree(s.handoffs()));
            }
        }
    }

    private AgentContext context(WorkflowContext wf, EventBus bus, String runId, java.time.Instant deadline,
                                 Cancellation cancellation) {
        AgentTools agentTools = new AgentTools(tools, id -> true, config.safety().dryRun(), wf, bus, clock, runId,
                timeSource, deadline).withTelemetry(telemetry);
        return new AgentContext(runId, null, wf, agentTools, clock, cancellation, bus, runExecutor);
    }

    private TerminationCondition termination() {
        TerminationCondition t = Terminations.maxMessages(config.maxTurns())
                .or(Terminations.timeout(config.timeout(), timeSource))
                .or(Terminations.criticalError())
                .or(Terminations.allReported(mustReport())
                        .and(Terminations.highConfidence(config.confidenceThreshold())));
        return llm == null ? t : t.or(Terminations.tokenBudget(llm.limits().runTokenBudget()));
    }

    /** Triage: the host's replacement, else the built-in one, with triage's model after it when one is set. */
    private Agent triage() {
        Agent t = pick(new TriageAgent());
        if (llm == null || replacements.containsKey(TriageAgent.NAME)) {
            return t;
        }
        return llm.model(LlmMode.TRIAGE).<Agent>map(m -> new LlmTriage(t, m, llm.limits(), llm.small())).orElse(t);
    }

    /** The summariser's review of the decision, when it has a model. */
    private Optional<Team> review() {
        if (llm == null || !config.enabled(LlmMode.SUMMARISER)) {
            return Optional.empty();
        }
        return llm.model(LlmMode.SUMMARISER).map(m -> new SequentialTeam("review",
                "A model reviews the deterministic decision", List.of(new Summariser(m, llm)), null));
    }

    /** The plan, or the orchestrator's model choosing among the steps the plan allows when it has one. */
    private SelectionStrategy orchestratorModel(PlanSelection plan) {
        if (llm == null) {
            return plan;
        }
        return llm.model(LlmMode.ORCHESTRATOR).<SelectionStrategy>map(m -> new ModelSelection(plan, m, llm.limits()))
                .orElse(plan);
    }

    /** A built-in agent, or the host's replacement of the same name. */
    private Agent pick(Agent builtIn) {
        return replacements.getOrDefault(builtIn.name(), builtIn);
    }

    /** {@code team} followed by the host's agents for it, as one team of the same name (or {@code team} alone). */
    private Team withHostAgents(Team team, boolean hostFirst) {
        List<Agent> extra = hostAgents.getOrDefault(team.name(), List.of());
        if (extra.isEmpty()) {
            return team;
        }
        List<Agent> members = new ArrayList<>();
        if (!hostFirst) {
            members.add(team);
        }
        members.addAll(extra);
        if (hostFirst) {
            members.add(team);
        }
        return new SequentialTeam(team.name(), team.description(), members, null);
    }

    /** Who must have reported before high confidence may end the investigation: the teams and the host's agents. */
    private Set<String> mustReport() {
        Set<String> names = new java.util.HashSet<>(builtInInvestigation ? Set.of(LOG_TEAM, METRIC_TEAM) : Set.of());
        hostSteps.forEach(step -> step.agents().forEach(a -> names.add(a.name())));
        return names;
    }

    private Team investigation() {
        List<Agent> participants = new ArrayList<>();
        PlanSelection.Builder plan = PlanSelection.builder();
        if (builtInInvestigation) {
            Swarm logs = Swarm.builder(LOG_TEAM)
                    .description("Log Analysis Team: fetches logs, mines templates and signatures, follows failing dependencies")
                    .agents(pick(new LogQueryAgent()), pick(new LogPatternAgent()), pick(new LogSummaryAgent()))
                    .handoff(LogQueryAgent.NAME, LogPatternAgent.NAME, "lines fetched: mine them")
                    .handoff(LogPatternAgent.NAME, LogQueryAgent.NAME, "need other lines (previous containers, another window)")
                    .handoff(LogPatternAgent.NAME, LogSummaryAgent.NAME, "templates and signatures ready")
                    .termination(Terminations.maxMessages(60))
                    .build();
            Swarm metrics = Swarm.builder(METRIC_TEAM)
                    .description("Metric Analysis Team: runs the metric catalog, analyses saturation and trends, detects change points")
                    .agents(pick(new MetricQueryAgent()), pick(new MetricAnalyserAgent()), pick(new AnomalyDetectorAgent()))
                    .handoff(MetricQueryAgent.NAME, MetricAnalyserAgent.NAME, "series fetched")
                    .handoff(MetricAnalyserAgent.NAME, AnomalyDetectorAgent.NAME, "saturation analysed")
                    .termination(Terminations.maxMessages(60))
                    .build();
            participants.addAll(List.of(triage(), pick(new ClusterAnalysisAgent()),
                    withHostAgents(logs, false), withHostAgents(metrics, false)));
            boolean logsOn = config.enabled(LOG_TEAM) && (tools.has("loki.query_range") || tools.has("k8s.pod_logs"));
            boolean metricsOn = config.enabled(METRIC_TEAM) && tools.has("prometheus.catalog");
            List<String> parallel = new ArrayList<>();
            if (logsOn) {
                parallel.add(LOG_TEAM);
            }
            if (metricsOn) {
                parallel.add(METRIC_TEAM);
            }
            plan.step("triage", "classify the trigger", w -> config.enabled(TriageAgent.NAME), TriageAgent.NAME)
                    .step("cluster", "read the cluster around the trigger", w -> config.enabled(ClusterAnalysisAgent.NAME),
                            ClusterAnalysisAgent.NAME)
                    .step("first_diagnosis", "weigh the cluster evidence", DiagnosisAgent.NAME);
            if (!parallel.isEmpty()) {
                plan.step("logs_and_metrics", "logs and metrics are independent: run them in parallel",
                        parallel.toArray(String[]::new));
            }
        }
        for (HostStep step : hostSteps) {
            participants.addAll(step.agents());
            String[] names = step.agents().stream().map(Agent::name).toArray(String[]::new);
            plan.step(step.id(), step.why(), w -> step.agents().stream().anyMatch(x -> config.enabled(x.name())), names);
        }
        participants.add(pick(new DiagnosisAgent()));
        plan.step("diagnosis", "weigh all the evidence", DiagnosisAgent.NAME);
        return Orchestrator.builder(INVESTIGATION)
                .description("Leads the investigation: triage, cluster analysis, logs and metrics, diagnosis")
                .participants(participants.toArray(Agent[]::new))
                .selection(selection != null ? selection : orchestratorModel(plan.build()))
                .termination(termination())
                .stepTimeout(config.timeout())
                .maxStalls(10)
                .build();
    }

    /**
     * The Action Team; with {@code hostParts} false, the built-in one alone (no host agents, no replacement), for when
     * a host's part did not return.
     */
    private Team actionTeam(boolean hostParts) {
        Swarm swarm = Swarm.builder(ACTION_TEAM)
                .description("Action Team: proposes actions, the guard rules on them, approval routes them to a person")
                .agents(hostParts ? pick(new RecommendationAgent()) : new RecommendationAgent(), new GuardAgent(guard),
                        new ApprovalAgent(guard, actionExecutor))
                .handoff(RecommendationAgent.NAME, GuardAgent.NAME, "review proposals")
                .handoff(GuardAgent.NAME, RecommendationAgent.NAME, "an action was rejected: propose an alternative")
                .handoff(GuardAgent.NAME, ApprovalAgent.NAME, "reviewed: route for approval")
                .termination(Terminations.maxMessages(40))
                .build();
        // The host's agents speak first, so that the guard reviews whatever they propose.
        return hostParts ? withHostAgents(swarm, true) : swarm;
    }

    private Decision decide(WorkflowContext wf, List<TranscriptEntry> transcript, long durationMs) {
        Hypothesis best = wf.bestHypothesis().orElseThrow();
        double confidence = best.confidence();
        // A model that failed does not make the evidence weaker; a source that could not be read does.
        if (wf.degraded().stream().anyMatch(d -> !d.startsWith("llm: "))) {
            confidence *= 0.85;
        }
        List<Finding> findings = new ArrayList<>(wf.findings());
        findings.sort(Comparator.comparing((Finding f) -> !(f.category() == best.category()
                        && (best.resource().equals(f.resource()) || best.resource().equals(f.subject()))))
                .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed()));
        // The strongest twelve, and beyond them the strongest finding of every agent not yet heard, so that no
        // source (a host's agent, say) vanishes from the decision behind a dozen findings of another.
        List<Finding> kept = new ArrayList<>(findings.subList(0, Math.min(12, findings.size())));
        Set<String> heard = new java.util.HashSet<>();
        kept.forEach(f -> heard.add(wf.foundBy(f).orElse(f.source())));
        for (Finding f : findings.subList(kept.size(), findings.size())) {
            if (heard.add(wf.foundBy(f).orElse(f.source()))) {
                kept.add(f);
            }
        }
        List<Evidence> evidence = new ArrayList<>();
        for (Finding f : kept) {
            String source = "triage".equals(f.source()) ? "kubernetes" : f.source();
            ObjectNode detail = Json.object();
            detail.put("analyzer", f.analyzer()).put("category", f.category().name()).put("confidence", f.confidence());
            wf.foundBy(f).ifPresent(agent -> detail.put("agent", agent));
            detail.set("resource", Json.mapper().valueToTree(f.resource()));
            if (!f.chain().isEmpty()) {
                detail.set("chain", Json.mapper().valueToTree(f.chain()));
            }
            detail.set("facts", f.detail());
            evidence.add(new Evidence(source, f.summary(), detail));
        }
        Optional<com.fasterxml.jackson.databind.JsonNode> review = wf.fact(Summariser.FACT);
        review.ifPresent(r -> r.path("evidence").forEach(e -> evidence.add(new Evidence("llm", e.asText(),
                Json.object().put("agent", LlmMode.SUMMARISER).put("model", r.path("model").asText())))));
        String summary = best.category() == Category.UNKNOWN ? best.summary()
                : best.category() + " on " + best.resource() + ": " + best.summary();
        List<TranscriptEntry> lines;
        synchronized (transcript) {
            lines = List.copyOf(transcript);
        }
        // Everything that leaves the workflow is redacted, whatever an agent or a tool put into it.
        return redactor.redactDecision(new Decision(wf.incidentId(), wf.trigger(),
                new RootCause(best.category(), best.resource(), summary), Math.round(confidence * 100) / 100.0, evidence,
                wf.actions(), wf.degraded(), lines, durationMs, modelReport(wf, review.orElse(null))));
    }

    private @Nullable ModelReport modelReport(WorkflowContext wf, com.fasterxml.jackson.databind.@Nullable JsonNode review) {
        if (llm == null) {
            return null;
        }
        Map<String, String> models = new java.util.TreeMap<>();
        for (String a : LlmMode.MODEL_AGENTS) {
            llm.model(a).ifPresent(m -> models.put(a, ModelSession.modelName(m)));
        }
        List<String> notes = new ArrayList<>();
        String by = ModelReport.RULES;
        if (review != null) {
            by = review.path("root_cause_by").asText(ModelReport.RULES);
            review.path("notes").forEach(n -> notes.add(n.asText()));
        }
        return new ModelReport(by, models, wf.tokenUsage(), wf.tokensByAgent(), wf.modelCallsByAgent(), notes);
    }

    private static void transcribe(RunEvent e, List<TranscriptEntry> out) {
        if (e instanceof RunEvent.MessageEmitted m) {
            io.sreagent.core.message.Message msg = m.message();
            String type = msg instanceof io.sreagent.core.message.TextMessage ? "text"
                    : msg instanceof io.sreagent.core.message.HandoffMessage ? "handoff"
                    : msg instanceof io.sreagent.core.message.FindingMessage ? "finding"
                    : msg instanceof io.sreagent.core.message.StopMessage ? "stop"
                    : msg instanceof io.sreagent.core.message.ToolCallMessage ? "tool_call" : "tool_result";
            out.add(new TranscriptEntry(m.message().source(), m.team(), type, m.message().render()));
        } else if (e instanceof RunEvent.ModelCalled c) {
            out.add(new TranscriptEntry(c.agent(), null, "model_call", c.model() + ": " + c.inputTokens() + " prompt + "
                    + c.outputTokens() + " completion tokens" + (c.estimated() ? " (estimated)" : "") + ", "
                    + c.toolCalls() + " tool calls asked, " + c.durationMillis() + " ms"));
        } else if (e instanceof RunEvent.ToolReturned t) {
            out.add(new TranscriptEntry(t.agent(), null, "tool_result", t.toolId() + (t.error() ? " failed: " : " -> ")
                    + t.summary()));
        }
    }

    /** Builds a {@link SreWorkflow}. */
    public static final class Builder {
        private WorkflowConfig config = WorkflowConfig.defaults();
        private ToolRegistry tools = ToolRegistry.builder().build();
        private Clock clock = Clock.systemUTC();
        private Clock timeSource = Clock.systemUTC();
        private Executor executor = ForkJoinPool.commonPool();
        private final List<EventListener> listeners = new ArrayList<>();
        private AuditTrail audit = AuditTrail.inMemory();
        private final Map<String, List<Agent>> hostAgents = new LinkedHashMap<>();
        private final List<HostStep> hostSteps = new ArrayList<>();
        private final Map<String, Agent> replacements = new LinkedHashMap<>();
        private SelectionStrategy selection;
        private boolean builtInInvestigation = true;
        private IncidentStore store = IncidentStore.inMemory(KEEP_INCIDENTS);
        private @Nullable LlmMode llm;
        private io.sreagent.core.telemetry.Telemetry telemetry = io.sreagent.core.telemetry.Telemetry.NOOP;

        private Builder() {
        }

        /**
         * Traces and measures every run on {@code otel} (default: none): a span per run, agent turn, tool call and
         * model call with the GenAI attributes, and the diagnosis metrics (see {@link io.sreagent.core.telemetry.Telemetry}).
         * Pass {@code GlobalOpenTelemetry.get()} to use what the host (or the Java agent) installed.
         */
        public Builder openTelemetry(io.opentelemetry.api.OpenTelemetry otel) {
            this.telemetry = new io.sreagent.core.telemetry.Telemetry(otel);
            return this;
        }

        /**
         * Reasons with models as {@code mode} says (default: none, every agent deterministic). The deterministic
         * agents still run first and the guard stays deterministic; see {@link LlmMode}.
         */
        public Builder llm(LlmMode mode) {
            this.llm = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Where incidents are kept for lookup and approval (default: the last {@value #KEEP_INCIDENTS} in memory;
         * a {@link FileIncidentStore} keeps pending approvals across restarts).
         */
        public Builder store(IncidentStore s) {
            this.store = Objects.requireNonNull(s, "store");
            return this;
        }

        /**
         * Adds a host's agent to a team of the workflow. {@link #INVESTIGATION}: a step of its own, after the built-in
         * evidence gathering and before the final diagnosis (as {@link #step}). {@link #LOG_TEAM},
         * {@link #METRIC_TEAM}: after the team's built-in agents, inside the team (it sees their messages).
         * {@link #ACTION_TEAM}: before the recommendation, so the guard reviews every action it proposes. Its
         * findings reach the decision's evidence credited to it ({@code detail.agent}); disable it with
         * {@code agents.<name>.enabled: false} when it is an investigation step.
         *
         * @throws IllegalArgumentException for an unknown team
         */
        public Builder agent(String team, Agent agent) {
            Objects.requireNonNull(agent, "agent");
            if (!TEAMS.contains(team)) {
                throw new IllegalArgumentException("no team '" + team + "' in the SRE workflow; one of " + new java.util.TreeSet<>(TEAMS));
            }
            if (INVESTIGATION.equals(team)) {
                return step(agent.name(), agent.description(), agent);
            }
            hostAgents.computeIfAbsent(team, t -> new ArrayList<>()).add(agent);
            return this;
        }

        /**
         * Adds a step to the investigation, taken after the built-in steps and before the final diagnosis; several
         * agents (or teams) in one step run in parallel.
         */
        public Builder step(String id, String why, Agent... agents) {
            Objects.requireNonNull(id, "id");
            if (agents.length == 0) {
                throw new IllegalArgumentException("step " + id + " needs at least one agent");
            }
            hostSteps.add(new HostStep(id, why == null ? "" : why, List.of(agents)));
            return this;
        }

        /**
         * Replaces the built-in agent of the same name (for example {@code triage}); the plan and the handoffs reach
         * the replacement. The guard and approval cannot be replaced: they keep the workflow safe.
         *
         * @throws IllegalArgumentException for a name that is no built-in agent, or the guard or approval
         */
        public Builder replace(Agent agent) {
            Objects.requireNonNull(agent, "agent");
            if (GuardAgent.NAME.equals(agent.name()) || ApprovalAgent.NAME.equals(agent.name())) {
                throw new IllegalArgumentException("the " + agent.name() + " agent cannot be replaced: it keeps the workflow safe");
            }
            if (!WorkflowConfig.AGENT_NAMES.contains(agent.name()) || TEAMS.contains(agent.name())) {
                throw new IllegalArgumentException("no built-in agent named '" + agent.name() + "' to replace; "
                        + "name the replacement like the agent it replaces, or add it with agent(team, agent)");
            }
            replacements.put(agent.name(), agent);
            return this;
        }

        /**
         * How the investigation picks its next step, instead of the built-in plan. The strategy chooses among the
         * participants by name: the built-in agents and teams ({@code triage}, {@code cluster_analysis},
         * {@code diagnosis}, {@code log_analysis}, {@code metric_analysis}) and the host's step agents.
         */
        public Builder selection(SelectionStrategy s) {
            this.selection = Objects.requireNonNull(s, "selection");
            return this;
        }

        /**
         * Leaves out every built-in investigation agent and team: the investigation is the host's steps, then the
         * diagnosis that weighs their findings. The Action Team stays (the guard and approval keep the workflow safe).
         */
        public Builder withoutBuiltInInvestigation() {
            this.builtInInvestigation = false;
            return this;
        }

        /** The configuration (default: {@link WorkflowConfig#defaults()}). */
        public Builder config(WorkflowConfig c) {
            this.config = Objects.requireNonNull(c, "config");
            return this;
        }

        /** The tools agents may call. */
        public Builder tools(ToolRegistry r) {
            this.tools = Objects.requireNonNull(r, "tools");
            return this;
        }

        /** The clock agents read {@code now} from (a scenario's clock in tests and the demo). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * The time source the run's time limit is measured on (default: the system clock). Distinct from
         * {@link #clock}, which agents read as "now" and which a scenario freezes.
         */
        public Builder timeSource(Clock c) {
            this.timeSource = Objects.requireNonNull(c, "timeSource");
            return this;
        }

        /** The executor parallel teams run on (default: the common pool). */
        public Builder executor(Executor e) {
            this.executor = Objects.requireNonNull(e, "executor");
            return this;
        }

        /** A listener for every run's events. */
        public Builder listener(EventListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /** Where attempted changes are recorded (default: in memory, logged). */
        public Builder audit(AuditTrail a) {
            this.audit = Objects.requireNonNull(a, "audit");
            return this;
        }

        /** The workflow. */
        public SreWorkflow build() {
            return new SreWorkflow(this);
        }
    }
}
