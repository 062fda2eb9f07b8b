package io.sreagent.core.sre;

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
import io.sreagent.core.sre.agents.ActionExecutor;
import io.sreagent.core.sre.agents.AnomalyDetectorAgent;
import io.sreagent.core.sre.agents.ApprovalAgent;
import io.sreagent.core.sre.agents.ClusterAnalysisAgent;
import io.sreagent.core.sre.agents.DiagnosisAgent;
import io.sreagent.core.sre.agents.GuardAgent;
import io.sreagent.core.sre.agents.LogPatternAgent;
import io.sreagent.core.sre.agents.LogQueryAgent;
import io.sreagent.core.sre.agents.LogSummaryAgent;
import io.sreagent.core.sre.agents.MetricAnalyserAgent;
import io.sreagent.core.sre.agents.MetricQueryAgent;
import io.sreagent.core.sre.agents.RecommendationAgent;
import io.sreagent.core.sre.agents.TriageAgent;
import io.sreagent.core.support.Json;
import io.sreagent.core.team.Orchestrator;
import io.sreagent.core.team.PlanSelection;
import io.sreagent.core.team.Swarm;
import io.sreagent.core.team.Team;
import io.sreagent.core.termination.TerminationCondition;
import io.sreagent.core.termination.Terminations;
import io.sreagent.core.tool.Tool;
import io.sreagent.core.tool.ToolRegistry;
import io.sreagent.core.workflow.WorkflowContext;
import java.time.Clock;
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

    private static final String INVESTIGATION = "investigation";
    private static final String LOG_TEAM = "log_analysis";
    private static final String METRIC_TEAM = "metric_analysis";
    private static final String ACTION_TEAM = "action";
    /** The investigation's plan steps, in order (see {@link #investigation()}). */
    private static final List<String> INVESTIGATION_STEPS = List.of("triage", "cluster", "first_diagnosis",
            "logs_and_metrics", "diagnosis");

    private final WorkflowConfig config;
    private final ToolRegistry tools;
    private final Clock clock;
    private final Executor executor;
    private final List<EventListener> listeners;
    private final AuditTrail audit;
    private final Guard guard;
    private final Redactor redactor = new Redactor();
    private final ActionExecutor actionExecutor = new ActionExecutor();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Stored> incidents = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
            return size() > KEEP_INCIDENTS;
        }
    });

    /** A finished run: its context and its decision. */
    private record Stored(WorkflowContext context, Decision decision) {
    }

    private SreWorkflow(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.executor = b.executor;
        this.listeners = List.copyOf(b.listeners);
        this.audit = b.audit;
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
        Objects.requireNonNull(trigger, "trigger");
        // Redacted at the door: no agent, event, transcript or decision ever holds a secret the trigger carried.
        trigger = redactor.redactTrigger(trigger);
        long start = System.nanoTime();
        String id = "inc-" + Long.toHexString(clock.millis() / 1000) + "-" + sequence.incrementAndGet();
        WorkflowContext wf = new WorkflowContext(id, trigger);
        List<TranscriptEntry> transcript = Collections.synchronizedList(new ArrayList<>());
        EventBus bus = new EventBus(executor);
        listeners.forEach(bus::listen);
        bus.listen(listener).listen(e -> transcribe(e, transcript));
        AgentContext ctx = context(wf, bus, "run-" + id, start + config.timeout().toNanos());
        try (bus) {
            Team investigation = investigation();
            investigation.run(List.of(new TextMessage("trigger", clock.instant(), trigger.eventType() + " "
                    + trigger.reason() + " on " + trigger.resource() + ": " + trigger.message())), ctx);
            if (System.nanoTime() - start >= config.timeout().toNanos()
                    && wf.degraded().stream().noneMatch(d -> d.startsWith("timeout: "))) {
                List<String> skipped = INVESTIGATION_STEPS.stream().filter(step -> !wf.stepCompleted(step)).toList();
                wf.markDegraded("timeout: the investigation reached the run's limit of " + config.timeout().toSeconds()
                        + " s" + (skipped.isEmpty() ? "" : "; steps not completed: " + String.join(", ", skipped)));
            }
            if (wf.hypotheses().isEmpty()) {
                new DiagnosisAgent().respond(List.of(), ctx);
            }
            actionTeam().run(List.of(), ctx);
            Decision d = decide(wf, transcript, (System.nanoTime() - start) / 1_000_000);
            bus.emit(seq -> new RunEvent.Decided(ctx.runId(), seq, clock.instant(), Json.mapper().valueToTree(d)));
            incidents.put(id, new Stored(wf, d));
            return d;
        }
    }

    /** A stored decision by incident id. */
    public Optional<Decision> incident(String incidentId) {
        Stored s = incidents.get(incidentId);
        return s == null ? Optional.empty() : Optional.of(s.decision());
    }

    /**
     * Carries out one action a person approved: the guard reviews it again against the incident's evidence, then it
     * runs (a dry-run unless the workflow allows real changes).
     *
     * @throws IllegalArgumentException if the incident or action is unknown, or the action is not awaiting approval
     */
    public ProposedAction execute(String incidentId, String actionId, String approvedBy) {
        Stored s = incidents.get(incidentId);
        if (s == null) {
            throw new IllegalArgumentException("no incident " + incidentId + " (only the last " + KEEP_INCIDENTS + " are kept)");
        }
        WorkflowContext wf = s.context();
        ProposedAction a = wf.action(actionId).orElseThrow(() -> new IllegalArgumentException(
                "incident " + incidentId + " has no action " + actionId));
        if (a.status() != ActionStatus.AWAITING_APPROVAL) {
            throw new IllegalArgumentException("action " + actionId + " is " + a.status() + ", not AWAITING_APPROVAL");
        }
        if (approvedBy == null || approvedBy.isBlank()) {
            throw new IllegalArgumentException("approved_by must name the person approving");
        }
        long allowed = wf.actions().stream().filter(x -> !x.id().equals(actionId) && x.type().executable()
                && (x.status() == ActionStatus.EXECUTED || x.status() == ActionStatus.EXECUTED_DRY_RUN)).count();
        Guard.Review review = guard.review(a, wf.findings(), (int) allowed);
        if (!review.verdict().allowed()) {
            ProposedAction rejected = a.withGuard(review.verdict(), review.risk()).withStatus(ActionStatus.REJECTED);
            wf.putAction(rejected);
            return redactor.redactAction(rejected);
        }
        ProposedAction approved = a.withGuard(review.verdict(), review.risk()).approvedBy(approvedBy);
        wf.putAction(approved);
        try (EventBus bus = new EventBus(executor)) {
            return redactor.redactAction(actionExecutor.execute(approved, context(wf, bus, "exec-" + incidentId,
                    System.nanoTime() + config.timeout().toNanos())));
        }
    }

    /** Architecture, teams, agents, tools, termination conditions and safety settings, as JSON. */
    public ObjectNode info() {
        ObjectNode o = Json.object();
        o.put("architecture", "Orchestrator(triage -> cluster_analysis -> diagnosis -> [log_analysis || metric_analysis]"
                + " -> diagnosis) then Swarm action(recommendation -> guard -> approval)");
        ArrayNode teams = o.putArray("teams");
        describe(investigation(), teams);
        describe(actionTeam(), teams);
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

    private AgentContext context(WorkflowContext wf, EventBus bus, String runId, long deadlineNanos) {
        AgentTools agentTools = new AgentTools(tools, id -> true, config.safety().dryRun(), wf, bus, clock, runId,
                deadlineNanos);
        return new AgentContext(runId, null, wf, agentTools, clock, new Cancellation(), bus, executor);
    }

    private TerminationCondition termination() {
        return Terminations.maxMessages(config.maxTurns())
                .or(Terminations.timeout(config.timeout(), Clock.systemUTC()))
                .or(Terminations.criticalError())
                .or(Terminations.allReported(Set.of(LOG_TEAM, METRIC_TEAM))
                        .and(Terminations.highConfidence(config.confidenceThreshold())));
    }

    private Team investigation() {
        Swarm logs = Swarm.builder(LOG_TEAM)
                .description("Log Analysis Team: fetches logs, mines templates and signatures, follows failing dependencies")
                .agents(new LogQueryAgent(), new LogPatternAgent(), new LogSummaryAgent())
                .handoff(LogQueryAgent.NAME, LogPatternAgent.NAME, "lines fetched: mine them")
                .handoff(LogPatternAgent.NAME, LogQueryAgent.NAME, "need other lines (previous containers, another window)")
                .handoff(LogPatternAgent.NAME, LogSummaryAgent.NAME, "templates and signatures ready")
                .termination(Terminations.maxMessages(60))
                .build();
        Swarm metrics = Swarm.builder(METRIC_TEAM)
                .description("Metric Analysis Team: runs the metric catalog, analyses saturation and trends, detects change points")
                .agents(new MetricQueryAgent(), new MetricAnalyserAgent(), new AnomalyDetectorAgent())
                .handoff(MetricQueryAgent.NAME, MetricAnalyserAgent.NAME, "series fetched")
                .handoff(MetricAnalyserAgent.NAME, AnomalyDetectorAgent.NAME, "saturation analysed")
                .termination(Terminations.maxMessages(60))
                .build();
        boolean logsOn = config.enabled(LOG_TEAM) && (tools.has("loki.query_range") || tools.has("k8s.pod_logs"));
        boolean metricsOn = config.enabled(METRIC_TEAM) && tools.has("prometheus.catalog");
        List<String> parallel = new ArrayList<>();
        if (logsOn) {
            parallel.add(LOG_TEAM);
        }
        if (metricsOn) {
            parallel.add(METRIC_TEAM);
        }
        PlanSelection.Builder plan = PlanSelection.builder()
                .step("triage", "classify the trigger", w -> config.enabled(TriageAgent.NAME), TriageAgent.NAME)
                .step("cluster", "read the cluster around the trigger", w -> config.enabled(ClusterAnalysisAgent.NAME),
                        ClusterAnalysisAgent.NAME)
                .step("first_diagnosis", "weigh the cluster evidence", DiagnosisAgent.NAME);
        if (!parallel.isEmpty()) {
            plan.step("logs_and_metrics", "logs and metrics are independent: run them in parallel",
                    parallel.toArray(String[]::new));
            plan.step("diagnosis", "weigh all the evidence", DiagnosisAgent.NAME);
        }
        return Orchestrator.builder(INVESTIGATION)
                .description("Leads the investigation: triage, cluster analysis, logs and metrics, diagnosis")
                .participants(new TriageAgent(), new ClusterAnalysisAgent(), new DiagnosisAgent(), logs, metrics)
                .selection(plan.build())
                .termination(termination())
                .stepTimeout(config.timeout())
                .maxStalls(10)
                .build();
    }

    private Team actionTeam() {
        return Swarm.builder(ACTION_TEAM)
                .description("Action Team: proposes actions, the guard rules on them, approval routes them to a person")
                .agents(new RecommendationAgent(), new GuardAgent(guard), new ApprovalAgent(guard, actionExecutor))
                .handoff(RecommendationAgent.NAME, GuardAgent.NAME, "review proposals")
                .handoff(GuardAgent.NAME, RecommendationAgent.NAME, "an action was rejected: propose an alternative")
                .handoff(GuardAgent.NAME, ApprovalAgent.NAME, "reviewed: route for approval")
                .termination(Terminations.maxMessages(40))
                .build();
    }

    private Decision decide(WorkflowContext wf, List<TranscriptEntry> transcript, long durationMs) {
        Hypothesis best = wf.bestHypothesis().orElseThrow();
        double confidence = best.confidence();
        if (!wf.degraded().isEmpty()) {
            confidence *= 0.85;
        }
        List<Finding> findings = new ArrayList<>(wf.findings());
        findings.sort(Comparator.comparing((Finding f) -> !(f.category() == best.category()
                        && (best.resource().equals(f.resource()) || best.resource().equals(f.subject()))))
                .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed()));
        List<Evidence> evidence = new ArrayList<>();
        for (Finding f : findings) {
            if (evidence.size() >= 12) {
                break;
            }
            String source = "triage".equals(f.source()) ? "kubernetes" : f.source();
            ObjectNode detail = Json.object();
            detail.put("analyzer", f.analyzer()).put("category", f.category().name()).put("confidence", f.confidence());
            detail.set("resource", Json.mapper().valueToTree(f.resource()));
            if (!f.chain().isEmpty()) {
                detail.set("chain", Json.mapper().valueToTree(f.chain()));
            }
            detail.set("facts", f.detail());
            evidence.add(new Evidence(source, f.summary(), detail));
        }
        String summary = best.category() == Category.UNKNOWN ? best.summary()
                : best.category() + " on " + best.resource() + ": " + best.summary();
        List<TranscriptEntry> lines;
        synchronized (transcript) {
            lines = List.copyOf(transcript);
        }
        // Everything that leaves the workflow is redacted, whatever an agent or a tool put into it.
        return redactor.redactDecision(new Decision(wf.incidentId(), wf.trigger(),
                new RootCause(best.category(), best.resource(), summary), Math.round(confidence * 100) / 100.0, evidence,
                wf.actions(), wf.degraded(), lines, durationMs));
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
        private Executor executor = ForkJoinPool.commonPool();
        private final List<EventListener> listeners = new ArrayList<>();
        private AuditTrail audit = AuditTrail.inMemory();

        private Builder() {
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
