package io.sreagent.core.safety;

import io.sreagent.core.incident.Risk;

/**
 * What is approved without a person: nothing, LOW-risk actions, or LOW and MEDIUM. HIGH always waits for a person.
 */
public enum ApprovalPolicy {
    NONE, LOW, ALL;

    /** Whether an action of this risk is approved by policy alone. */
    public boolean autoApproves(Risk risk) {
        return switch (this) {
            case NONE -> false;
            case LOW -> risk == Risk.LOW;
            case ALL -> risk == Risk.LOW || risk == Risk.MEDIUM;
        };
    }

    /** Parses {@code none|low|all} (case-insensitive). */
    public static ApprovalPolicy parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("approval policy must be none, low or all, was '" + s + "'");
        }
    }
}
