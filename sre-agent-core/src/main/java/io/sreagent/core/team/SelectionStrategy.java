package io.sreagent.core.team;

import io.sreagent.core.agent.Agent;
import io.sreagent.core.workflow.WorkflowContext;
import java.util.List;
import java.util.Optional;

/**
 * How an {@link Orchestrator} chooses its next step: rule-based ({@link PlanSelection}) or model-driven.
 *
 * <p>Called on the orchestrator's thread once per round. Returning empty ends the run ({@code plan_complete}).
 */
public interface SelectionStrategy {

    /** The next step, or empty when the work is done. */
    Optional<Step> next(Ledger ledger, WorkflowContext workflow, List<Agent> participants);

    /** The steps this strategy intends to take, for the ledger's plan. */
    default List<String> plan(WorkflowContext workflow) {
        return List.of();
    }
}
