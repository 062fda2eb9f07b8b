package io.sreagent.core.team;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.agent.AgentContext;
import io.sreagent.core.message.FindingMessage;
import io.sreagent.core.message.Message;
import io.sreagent.core.support.Json;
import io.sreagent.core.termination.StopReason;
import io.sreagent.core.termination.TerminationCondition;
import io.sreagent.core.termination.TerminationState;
import io.sreagent.core.termination.Terminations;
import io.sreagent.core.workflow.WorkflowContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A leader-led team in the manner of MagenticOne: it keeps a {@link Ledger} of facts, plan and progress, asks its
 * {@link SelectionStrategy} for the next step (one participant, or several in parallel), records each finished step
 * in the workflow context, and detects stalls (rounds that add no finding, hypothesis or action).
 *
 * <p>The run stops when the strategy has no next step, the termination condition fires, {@code maxStalls} rounds in
 * a row made no progress, or the hard cap on rounds is reached. The ledger is saved into the workflow context as the
 * fact {@code ledger.<team name>} after every round, and completed steps are skipped when a restored context is run
 * again, so a run resumes where it stopped.
 */
public final class Orchestrator implements Team {

    private final String name;
    private final String description;
    private final List<Agent> participants;
    private final SelectionStrategy selection;
    private final TerminationCondition termination;
    private final int maxRounds;
    private final int maxStalls;
    private final Duration stepTimeout;

    private Orchestrator(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.participants = List.copyOf(b.participants);
        this.selection = Objects.requireNonNull(b.selection, "selection strategy");
        this.termination = b.termination;
        this.maxRounds = b.maxRounds;
        this.maxStalls = b.maxStalls;
        this.stepTimeout = b.stepTimeout;
        Turns.requireUniqueNames(name, participants);
    }

    /** Starts an orchestrator called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override public String name() { return name; }

    @Override public String description() { return description; }

    @Override public List<Agent> members() { return participants; }

    /** The selection strategy. */
    public SelectionStrategy selection() {
        return selection;
    }

    /** The termination condition. */
    public TerminationCondition termination() {
        return termination;
    }

    @Override
    public TeamResult run(List<Message> task, AgentContext context) {
        AgentContext ctx = context.inTeam(name);
        WorkflowContext wf = ctx.workflow();
        // Per-run state: concurrent runs of this team do not share counts, latches or clocks.
        TerminationCondition termination = this.termination.forRun();
        Ledger ledger = loadLedger(wf);
        if (ledger.plan().isEmpty()) {
            ledger.plan().addAll(selection.plan(wf));
        }
        List<Message> produced = new ArrayList<>();
        List<AgentFailure> failures = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        StopReason stop = null;
        List<Message> input = task;
        for (int round = 1; stop == null; round++) {
            if (round > maxRounds) {
                stop = new StopReason("max_rounds", "orchestrator " + name + " reached its cap of " + maxRounds + " rounds");
                break;
            }
            if (ctx.cancellation().isCancelled()) {
                stop = new StopReason("cancelled", ctx.cancellation().reason());
                break;
            }
            Optional<Step> next = selection.next(ledger, wf, participants);
            if (next.isEmpty()) {
                stop = new StopReason("plan_complete", "no further step: " + ledger.history());
                break;
            }
            Step step = next.get();
            List<Agent> speakers = new ArrayList<>();
            for (String p : step.participants()) {
                speakers.add(Turns.find(participants, p).orElseThrow(() -> new IllegalStateException(
                        "step " + step.id() + " names '" + p + "', not a participant of " + name)));
            }
            int progressBefore = progress(wf);
            Agent speaker = speakers.size() == 1 ? speakers.get(0)
                    : new ParallelTeam(step.id(), step.why(), speakers, stepTimeout);
            Turns.Outcome out = Turns.take(speaker, input, ctx, round);
            List<Message> msgs = out.messages();
            if (out.failure() != null) {
                failures.add(out.failure());
            } else {
                step.participants().forEach(reported::add);
            }
            produced.addAll(msgs);
            wf.completeStep(step.id());
            ledger.history().add(step.id());
            for (Message m : msgs) {
                if (m instanceof FindingMessage f) {
                    ledger.facts().add(f.finding().summary());
                }
            }
            ledger = progress(wf) > progressBefore ? ledger.withStalls(0) : ledger.withStalls(ledger.stalls() + 1);
            saveLedger(wf, ledger);
            Optional<StopReason> fired = termination.check(msgs,
                    new TerminationState(task.size() + produced.size(), round, wf, reported));
            if (fired.isPresent()) {
                stop = fired.get();
            } else if (ledger.stalls() >= maxStalls) {
                stop = new StopReason("stalled", ledger.stalls() + " rounds in a row made no progress (last step "
                        + step.id() + ")");
            }
            input = msgs.isEmpty() ? input : msgs;
        }
        Turns.terminated(ctx, name, stop);
        return new TeamResult(produced, stop, failures);
    }

    private static int progress(WorkflowContext wf) {
        return wf.findings().size() + wf.hypotheses().size() + wf.actions().size();
    }

    private Ledger loadLedger(WorkflowContext wf) {
        return wf.fact("ledger." + name)
                .map(n -> Json.mapper().convertValue(n, Ledger.class))
                .orElseGet(Ledger::empty);
    }

    private void saveLedger(WorkflowContext wf, Ledger ledger) {
        wf.putFact("ledger." + name, Json.mapper().valueToTree(ledger));
    }

    /** Builds an {@link Orchestrator}. */
    public static final class Builder {
        private final String name;
        private String description;
        private final List<Agent> participants = new ArrayList<>();
        private SelectionStrategy selection;
        private TerminationCondition termination = Terminations.maxMessages(500);
        private int maxRounds = 50;
        private int maxStalls = 3;
        private Duration stepTimeout = Duration.ofMinutes(5);

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
            this.description = "orchestrator " + name;
        }

        /** What the team does. */
        public Builder description(String d) {
            this.description = Objects.requireNonNull(d, "description");
            return this;
        }

        /** Adds participants (agents or teams). */
        public Builder participants(Agent... agents) {
            participants.addAll(List.of(agents));
            return this;
        }

        /** How the next step is chosen. */
        public Builder selection(SelectionStrategy s) {
            this.selection = Objects.requireNonNull(s, "selection");
            return this;
        }

        /** When to stop (default: 500 messages). */
        public Builder termination(TerminationCondition t) {
            this.termination = Objects.requireNonNull(t, "termination");
            return this;
        }

        /** Hard cap on rounds (default 50). */
        public Builder maxRounds(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max_rounds must be at least 1, was " + n);
            }
            this.maxRounds = n;
            return this;
        }

        /** Rounds in a row without progress before the run stops as stalled (default 3). */
        public Builder maxStalls(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max_stalls must be at least 1, was " + n);
            }
            this.maxStalls = n;
            return this;
        }

        /** Bound on a parallel step (default 5 minutes). */
        public Builder stepTimeout(Duration d) {
            this.stepTimeout = Objects.requireNonNull(d, "step_timeout");
            return this;
        }

        /** The orchestrator. */
        public Orchestrator build() {
            return new Orchestrator(this);
        }
    }
}
