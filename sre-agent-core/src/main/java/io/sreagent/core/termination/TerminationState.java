package io.sreagent.core.termination;

import io.sreagent.core.workflow.WorkflowContext;
import java.util.Set;

/**
 * What a team knows when it asks its termination condition whether to stop.
 *
 * @param messageCount messages produced in this team run so far (including the task)
 * @param turn         turns taken so far
 * @param workflow     the incident's blackboard (hypotheses, token usage)
 * @param reported     names of participants that have finished a turn without failing
 */
public record TerminationState(int messageCount, int turn, WorkflowContext workflow, Set<String> reported) {
    public TerminationState {
        reported = Set.copyOf(reported);
    }
}
