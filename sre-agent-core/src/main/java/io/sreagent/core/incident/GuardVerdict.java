package io.sreagent.core.incident;

import java.util.List;

/**
 * The deterministic guard's ruling on one action.
 *
 * @param verdict {@code allow} or {@code deny}
 * @param reasons why (every rule that fired); never null
 */
public record GuardVerdict(String verdict, List<String> reasons) {
    public GuardVerdict {
        if (!"allow".equals(verdict) && !"deny".equals(verdict)) {
            throw new IllegalArgumentException("verdict must be allow or deny, was " + verdict);
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** An allowing verdict. */
    public static GuardVerdict allow(List<String> reasons) {
        return new GuardVerdict("allow", reasons);
    }

    /** A denying verdict. */
    public static GuardVerdict deny(List<String> reasons) {
        return new GuardVerdict("deny", reasons);
    }

    /** Whether the guard allowed the action. */
    public boolean allowed() {
        return "allow".equals(verdict);
    }
}
