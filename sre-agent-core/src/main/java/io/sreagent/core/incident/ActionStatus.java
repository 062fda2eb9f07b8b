package io.sreagent.core.incident;

/** Where a proposed action stands: PROPOSED, then REJECTED or AWAITING_APPROVAL, then APPROVED/DENIED, then executed. */
public enum ActionStatus {
    PROPOSED, REJECTED, AWAITING_APPROVAL, APPROVED, DENIED, EXECUTED_DRY_RUN, EXECUTED, FAILED
}
