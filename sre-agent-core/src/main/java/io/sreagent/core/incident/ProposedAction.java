package io.sreagent.core.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An action the workflow proposes, with its risk, its status and the guard's verdict; immutable, replaced as its
 * status moves on.
 *
 * @param id         {@code act-1}, unique within an incident
 * @param type       what it does
 * @param target     the object it changes
 * @param params     type-specific parameters (replicas, container, limits, revision...)
 * @param risk       the risk the guard assigned
 * @param status     where it stands
 * @param reason     why it is proposed
 * @param guard      the guard's verdict, or null before the guard has seen it
 * @param outcome    what a dry-run or execution reported, or null
 * @param approvedBy who approved it, or null
 */
public record ProposedAction(String id, ActionType type, ResourceRef target, @Nullable JsonNode params, @Nullable Risk risk,
                             ActionStatus status, @Nullable String reason, @Nullable GuardVerdict guard,
                             @Nullable JsonNode outcome, @Nullable String approvedBy) {
    public ProposedAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        if (params == null) {
            params = JsonNodeFactory.instance.objectNode();
        }
        if (risk == null) {
            risk = type.baseRisk();
        }
        if (reason == null) {
            reason = "";
        }
    }

    /** The params key naming who proposed an action when it was not the deterministic agents ({@code model:NAME}). */
    public static final String PROPOSED_BY = "proposed_by";

    /** Whether a model proposed this action (such an action always waits for a person). */
    public boolean proposedByModel() {
        return params.path(PROPOSED_BY).asText("").startsWith("model");
    }

    /** A new PROPOSED action at the type's base risk. */
    public static ProposedAction propose(String id, ActionType type, ResourceRef target, JsonNode params, String reason) {
        return new ProposedAction(id, type, target, params, type.baseRisk(), ActionStatus.PROPOSED, reason, null, null, null);
    }

    /** A copy with a new status. */
    public ProposedAction withStatus(ActionStatus s) {
        return new ProposedAction(id, type, target, params, risk, s, reason, guard, outcome, approvedBy);
    }

    /** A copy with the guard's verdict and the risk it assigned. */
    public ProposedAction withGuard(GuardVerdict g, Risk r) {
        return new ProposedAction(id, type, target, params, r, status, reason, g, outcome, approvedBy);
    }

    /** A copy with an execution outcome. */
    public ProposedAction withOutcome(JsonNode o) {
        return new ProposedAction(id, type, target, params, risk, status, reason, guard, o, approvedBy);
    }

    /** A copy approved by {@code who}. */
    public ProposedAction approvedBy(String who) {
        return new ProposedAction(id, type, target, params, risk, ActionStatus.APPROVED, reason, guard, outcome, who);
    }
}
