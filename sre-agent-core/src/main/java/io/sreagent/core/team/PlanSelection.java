package io.sreagent.core.team;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Rule-based selection: a fixed plan of steps, each taken once in order when its condition holds on the workflow
 * context and skipped otherwise; steps already completed (in a resumed run) are skipped.
 */
public final class PlanSelection implements SelectionStrategy {

    /** A step and the condition under which it runs. */
    private record Rule(Step step, Predicate<WorkflowContext> when) {
    }

    private final List<Rule> rules;

    private PlanSelection(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Starts a plan. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<Step> next(Ledger ledger, WorkflowContext workflow, List<Agent> participants) {
        for (Rule r : rules) {
            if (workflow.stepCompleted(r.step().id()) || ledger.history().contains(r.step().id())) {
                continue;
            }
            if (r.when().test(workflow)) {
                return Optional.of(r.step());
            }
        }
        return Optional.empty();
    }

    /**
     * The steps that could be taken now, in plan order: not completed and with their condition holding. The first is
     * what {@link #next} returns.
     */
    public List<Step> candidates(Ledger ledger, WorkflowContext workflow) {
        List<Step> out = new ArrayList<>();
        for (Rule r : rules) {
            if (!workflow.stepCompleted(r.step().id()) && !ledger.history().contains(r.step().id())
                    && r.when().test(workflow)) {
                out.add(r.step());
            }
        }
        return out;
    }

    @Override
    public List<String> plan(WorkflowContext workflow) {
        return rules.stream().map(r -> r.step().id() + ": " + String.join(" + ", r.step().participants())
                + (r.step().why().isEmpty() ? "" : " (" + r.step().why() + ")")).toList();
    }

    /** Builds a {@link PlanSelection}. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();

        private Builder() {
        }

        /** A step that always runs. */
        public Builder step(String id, String why, String... participants) {
            return step(id, why, w -> true, participants);
        }

        /** A step that runs when {@code when} holds at its turn. */
        public Builder step(String id, String why, Predicate<WorkflowContext> when, String... participants) {
            Objects.requireNonNull(when, "when");
            rules.add(new Rule(new Step(id, List.of(participants), why), when));
            return this;
        }

        /** The plan. */
        public PlanSelection build() {
            return new PlanSelection(rules);
        }
    }
}
