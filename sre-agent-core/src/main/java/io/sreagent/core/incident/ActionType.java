package io.sreagent.core.incident;

/**
 * What a proposed action does. Executable types can be carried out by a tool (dry-run first); advisory types
 * describe what a person has to do and are never executed.
 */
public enum ActionType {
    RESTART_ROLLOUT(Risk.LOW, true),
    DELETE_POD(Risk.LOW, true),
    ROLLBACK(Risk.MEDIUM, true),
    /** Scaling up is MEDIUM; scaling down (or to zero) is HIGH, decided by the guard from the parameters. */
    SCALE(Risk.MEDIUM, true),
    ADJUST_RESOURCES(Risk.MEDIUM, true),
    CORDON_NODE(Risk.MEDIUM, true),
    DRAIN_NODE(Risk.HIGH, true),
    EXPAND_VOLUME(Risk.MEDIUM, true),
    FIX_CONFIG(Risk.LOW, false),
    FIX_IMAGE(Risk.LOW, false),
    FIX_NETWORK_POLICY(Risk.LOW, false),
    FIX_INGRESS(Risk.LOW, false),
    FIX_PROBE(Risk.LOW, false),
    FIX_SCHEDULING(Risk.LOW, false),
    FIX_STORAGE(Risk.LOW, false),
    FIX_QUOTA(Risk.LOW, false),
    RENEW_CERTIFICATE(Risk.LOW, false),
    INVESTIGATE(Risk.LOW, false);

    private final Risk baseRisk;
    private final boolean executable;

    ActionType(Risk baseRisk, boolean executable) {
        this.baseRisk = baseRisk;
        this.executable = executable;
    }

    /** The risk before target-specific rules (protected namespace, scale direction) raise it. */
    public Risk baseRisk() {
        return baseRisk;
    }

    /** Whether a tool can carry this action out; advisory actions stay PROPOSED. */
    public boolean executable() {
        return executable;
    }
}
