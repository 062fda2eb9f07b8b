package io.sreagent.workflow;

/**
 * Why {@link SreWorkflow#execute} refused a person's approval; the subclasses let an HTTP host answer 404, 409 or
 * 400 without reading messages. An {@link IllegalArgumentException}, as the call's arguments were at fault.
 */
public abstract sealed class ApprovalException extends IllegalArgumentException
        permits ApprovalException.UnknownIncident, ApprovalException.UnknownAction, ApprovalException.NotAwaitingApproval,
        ApprovalException.MissingApprover {

    private ApprovalException(String message) {
        super(message);
    }

    /** The incident is not known (never seen, or older than the kept ones): 404. */
    public static final class UnknownIncident extends ApprovalException {
        public UnknownIncident(String incidentId, int kept) {
            super("no incident " + incidentId + " (only the last " + kept + " are kept)");
        }
    }

    /** The incident has no action of that id: 404. */
    public static final class UnknownAction extends ApprovalException {
        public UnknownAction(String incidentId, String actionId) {
            super("incident " + incidentId + " has no action " + actionId);
        }
    }

    /** The action is not waiting for a person (already executed, rejected or advisory): 409. */
    public static final class NotAwaitingApproval extends ApprovalException {
        public NotAwaitingApproval(String actionId, Object status) {
            super("action " + actionId + " is " + status + ", not AWAITING_APPROVAL");
        }
    }

    /** Nobody is named as approving: 400. */
    public static final class MissingApprover extends ApprovalException {
        public MissingApprover() {
            super("approved_by must name the person approving");
        }
    }
}
