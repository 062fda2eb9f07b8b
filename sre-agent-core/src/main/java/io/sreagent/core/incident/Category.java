package io.sreagent.core.incident;

/**
 * The closed vocabulary of root causes a decision may name (see the taxonomy); each has the action an operator
 * usually takes first.
 */
public enum Category {
    CONFIG_MISSING(ActionType.FIX_CONFIG),
    IMAGE_PULL(ActionType.FIX_IMAGE),
    OOM_KILLED(ActionType.ADJUST_RESOURCES),
    MEMORY_LEAK(ActionType.RESTART_ROLLOUT),
    APP_CRASH(ActionType.INVESTIGATE),
    DEPENDENCY_UNAVAILABLE(ActionType.INVESTIGATE),
    DNS_FAILURE(ActionType.RESTART_ROLLOUT),
    PROBE_FAILURE(ActionType.FIX_PROBE),
    UNSCHEDULABLE_RESOURCES(ActionType.ADJUST_RESOURCES),
    UNSCHEDULABLE_CONSTRAINTS(ActionType.FIX_SCHEDULING),
    STORAGE(ActionType.FIX_STORAGE),
    NODE_FAILURE(ActionType.CORDON_NODE),
    DISK_FULL(ActionType.EXPAND_VOLUME),
    CPU_THROTTLING(ActionType.ADJUST_RESOURCES),
    CAPACITY_SATURATION(ActionType.SCALE),
    BAD_ROLLOUT(ActionType.ROLLBACK),
    SERVICE_NO_ENDPOINTS(ActionType.FIX_CONFIG),
    QUOTA_EXCEEDED(ActionType.FIX_QUOTA),
    CERTIFICATE_EXPIRED(ActionType.RENEW_CERTIFICATE),
    JOB_FAILED(ActionType.INVESTIGATE),
    NETWORK_BLOCKED(ActionType.FIX_NETWORK_POLICY),
    INGRESS_MISCONFIGURED(ActionType.FIX_INGRESS),
    UNKNOWN(ActionType.INVESTIGATE);

    private final ActionType defaultAction;

    Category(ActionType defaultAction) {
        this.defaultAction = defaultAction;
    }

    /** The action the taxonomy recommends first for this category. */
    public ActionType defaultAction() {
        return defaultAction;
    }
}
