package io.sreagent.core.termination;

import io.sreagent.core.message.Message;
import java.util.List;
import java.util.Optional;

/**
 * Decides when a team stops: checked after every turn with that turn's new messages.
 *
 * <p>Conditions may keep state across checks of one run (counts, latches); a team calls {@link #reset()} before
 * each run. An instance serves one run at a time. Compose with {@link #and} (fires once every part has fired, in
 * any turns) and {@link #or} (fires when any part fires). Built-ins are in {@link Terminations}.
 */
public interface TerminationCondition {

    /** A stop reason if the team must stop now. */
    Optional<StopReason> check(List<Message> newMessages, TerminationState state);

    /** Forgets what earlier checks saw. */
    void reset();

    /** A condition that fires once both this and {@code other} have fired (each latched until then). */
    default TerminationCondition and(TerminationCondition other) {
        return new Composite.And(List.of(this, other));
    }

    /** A condition that fires when this or {@code other} fires. */
    default TerminationCondition or(TerminationCondition other) {
        return new Composite.Or(List.of(this, other));
    }
}
