package io.sreagent.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.core.incident.Finding;
import io.sreagent.core.incident.Hypothesis;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.message.FindingMessage;
import io.sreagent.core.message.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The blackboard of one incident that every agent of a run reads and writes: trigger, findings, hypotheses,
 * actions, degraded sources, token usage, timeline, shared facts and the transcript.
 *
 * <p>Thread-safe: parallel branches write to it concurrently; every method is atomic. {@link #snapshot()} captures
 * the whole state as a {@link WorkflowState} and {@link #restore(WorkflowState)} rebuilds a context from one.
 */
public final class WorkflowContext {

    private final String incidentId;
    private final Trigger trigger;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Hypothesis> hypotheses = new ArrayList<>();
    private final Map<String, ProposedAction> actions = new LinkedHashMap<>();
    private final LinkedHashSet<String> degraded = new LinkedHashSet<>();
    private final Map<Finding, String> foundBy = new LinkedHashMap<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final Map<String, JsonNode> facts = new LinkedHashMap<>();
    private final LinkedHashSet<String> completedSteps = new LinkedHashSet<>();
    private final List<Message> transcript = new ArrayList<>();
    private TokenUsage tokenUsage = TokenUsage.NONE;
    private final Map<String, TokenUsage> tokensByAgent = new LinkedHashMap<>();
    private final Map<String, Integer> modelCallsByAgent = new LinkedHashMap<>();

    /** A fresh context for an incident. */
    public WorkflowContext(String incidentId, Trigger trigger) {
        this.incidentId = Objects.requireNonNull(incidentId, "incident_id");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
    }

    /** Rebuilds a context from a saved state. */
    public static WorkflowContext restore(WorkflowState s) {
        WorkflowContext c = new WorkflowContext(s.incidentId(), s.trigger());
        c.findings.addAll(s.findings());
        c.hypotheses.addAll(s.hypotheses());
        s.actions().forEach(a -> c.actions.put(a.id(), a));
        c.degraded.addAll(s.degraded());
        c.timeline.addAll(s.timeline());
        c.facts.putAll(s.facts());
        c.completedSteps.addAll(s.completedSteps());
        c.transcript.addAll(s.transcript());
        c.tokenUsage = s.tokenUsage();
        return c;
    }

    /** The whole state, as one immutable value. */
    public synchronized WorkflowState snapshot() {
        return new WorkflowState(incidentId, trigger, findings, hypotheses, List.copyOf(actions.values()),
                List.copyOf(degraded), tokenUsage, timeline, facts, List.copyOf(completedSteps), transcript);
    }

    /** The incident's id. */
    public String incidentId() {
        return incidentId;
    }

    /** What started the incident. */
    public Trigger trigger() {
        return trigger;
    }

    /** Adds a finding. */
    public synchronized void addFinding(Finding f) {
        findings.add(Objects.requireNonNull(f, "finding"));
    }

    /** The agent whose message reported {@code f}, or empty for a finding added directly. */
    public synchronized Optional<String> foundBy(Finding f) {
        return Optional.ofNullable(foundBy.get(f));
    }

    /** Every finding so far, in the order found. */
    public synchronized List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** Replaces the hypotheses (kept best first). */
    public synchronized void setHypotheses(List<Hypothesis> hs) {
        hypotheses.clear();
        hypotheses.addAll(hs);
        hypotheses.sort(Comparator.comparingDouble(Hypothesis::confidence).reversed());
    }

    /** Candidate causes, best first. */
    public synchronized List<Hypothesis> hypotheses() {
        return List.copyOf(hypotheses);
    }

    /** The best hypothesis, if any. */
    public synchronized Optional<Hypothesis> bestHypothesis() {
        return hypotheses.isEmpty() ? Optional.empty() : Optional.of(hypotheses.get(0));
    }

    /** Adds or replaces an action (by id). */
    public synchronized void putAction(ProposedAction a) {
        actions.put(a.id(), a);
    }

    /** Applies {@code change} to the action with this id; returns the new action, if it existed. */
    public synchronized Optional<ProposedAction> updateAction(String id, UnaryOperator<ProposedAction> change) {
        ProposedAction a = actions.get(id);
        if (a == null) {
            return Optional.empty();
        }
        ProposedAction updated = change.apply(a);
        actions.put(id, updated);
        return Optional.of(updated);
    }

    /** The proposed actions in the order proposed. */
    public synchronized List<ProposedAction> actions() {
        return List.copyOf(actions.values());
    }

    /** The action with this id. */
    public synchronized Optional<ProposedAction> action(String id) {
        return Optional.ofNullable(actions.get(id));
    }

    /** Records that a source could not be consulted ({@code loki: connection refused}). */
    public synchronized void markDegraded(String what) {
        degraded.add(what);
    }

    /** Sources that could not be consulted. */
    public synchronized List<String> degraded() {
        return List.copyOf(degraded);
    }

    /** Adds to the tokens spent. */
    public synchronized void addTokens(TokenUsage used) {
        tokenUsage = tokenUsage.plus(used);
    }

    /** Adds one model call of {@code agent} and the tokens it spent (to the run's total too). */
    public synchronized void addModelCall(String agent, TokenUsage used) {
        addTokens(used);
        tokensByAgent.merge(agent, used, TokenUsage::plus);
        modelCallsByAgent.merge(agent, 1, Integer::sum);
    }

    /** Tokens spent per agent, in the order agents first called a model. */
    public synchronized Map<String, TokenUsage> tokensByAgent() {
        return Map.copyOf(tokensByAgent);
    }

    /** Model calls per agent. */
    public synchronized Map<String, Integer> modelCallsByAgent() {
        return Map.copyOf(modelCallsByAgent);
    }

    /** Tokens spent so far. */
    public synchronized TokenUsage tokenUsage() {
        return tokenUsage;
    }

    /** Appends to the timeline. */
    public synchronized void log(Instant at, String agent, String kind, String text) {
        timeline.add(new TimelineEntry(at, agent, kind, text));
    }

    /** The timeline so far. */
    public synchronized List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    /** Sets a shared fact. */
    public synchronized void putFact(String key, JsonNode value) {
        facts.put(key, value);
    }

    /** A shared fact. */
    public synchronized Optional<JsonNode> fact(String key) {
        return Optional.ofNullable(facts.get(key));
    }

    /** Marks an orchestrator step as done. */
    public synchronized void completeStep(String step) {
        completedSteps.add(step);
    }

    /** Whether an orchestrator step is done. */
    public synchronized boolean stepCompleted(String step) {
        return completedSteps.contains(step);
    }

    /** Appends messages to the transcript; findings carried by them are added to the findings. */
    public synchronized void record(List<? extends Message> messages) {
        for (Message m : messages) {
            transcript.add(m);
            if (m instanceof FindingMessage fm) {
                findings.add(fm.finding());
                foundBy.putIfAbsent(fm.finding(), fm.source());
            }
        }
    }

    /** The transcript so far. */
    public synchronized List<Message> transcript() {
        return List.copyOf(transcript);
    }
}
