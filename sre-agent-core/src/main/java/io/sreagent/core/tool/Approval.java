package io.sreagent.core.tool;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's (or a policy's) consent to carry out one action for real.
 *
 * @param actionId   the action approved
 * @param approvedBy who approved it ({@code policy:low} for automatic approval)
 * @param at         when
 */
public record Approval(String actionId, String approvedBy, Instant at) {
    public Approval {
        Objects.requireNonNull(actionId, "action_id");
        Objects.requireNonNull(approvedBy, "approved_by");
        Objects.requireNonNull(at, "at");
    }
}
