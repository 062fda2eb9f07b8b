package io.sreagent.core.termination;

import io.sreagent.core.message.Message;
import java.util.List;
import java.util.Optional;

/**
 * Decides when a team stops: checked after every turn with that turn's new messages.
 *
 * <p>Conditions may keep state across checks of one run (counts, latches, a start time). A team asks for
 * {@link #forRun()} at the start of each run and checks that instance only, so one team instance can serve
 * concurrent runs that stop independently. Compose with {@link #and} (fires once every part has fired, in
 * any turns) and {@link #or} (fires when any part fires). Built-ins are in {@link Terminations}.
 */
public interface TerminationCondition {

    /** A stop reason if the team must stop now. */
    Optional<StopReason> check(List<Message> newMessages, TerminationState state);

    /** Forgets what earlier checks saw. */
    void reset();

    /**
     * An instance for one run: a condition with state returns a fresh copy (built-ins do), a stateless one itself.
     * The default resets this instance and returns it, which is right for conditions without state and for a team
     * that runs once at a time; override it in a condition with state that teams may run concurrently.
     */
    default TerminationCondition forRun() {
        reset();
        return this;
    }

    /** A condition that fires once both this and {@code other} have fired (each latched until then). */
    default TerminationCondition and(TerminationCondition other) {
        return new Composite.And(List.of(this, other));
    }

    /** A condition that fires when this or {@code other} fires. */
    default TerminationCondition or(TerminationCondition other) {
        return new Composite.Or(List.of(this, other));
    }
}
