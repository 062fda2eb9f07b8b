package io.sreagent.core.agent;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run's cancellation flag: set from any thread, checked by agents and teams between steps.
 */
public final class Cancellation {

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final Cancellation parent;

    /** A flag of its own. */
    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
    }

    /**
     * A flag for part of a run: cancelled when this one is, and cancellable alone without cancelling this one (a
     * stage that overran its time is stopped while the rest of the run goes on).
     */
    public Cancellation child() {
        return new Cancellation(this);
    }

    /** Requests cancellation; the first reason wins. */
    public void cancel(String why) {
        reason.compareAndSet(null, why == null ? "cancelled" : why);
    }

    /** Whether cancellation was requested. */
    public boolean isCancelled() {
        return reason() != null;
    }

    /** The reason given, or null (a child's own reason first, then its parent's). */
    public String reason() {
        String own = reason.get();
        return own != null || parent == null ? own : parent.reason();
    }

    /** Throws {@link CancellationException} if cancellation was requested. */
    public void throwIfCancelled() {
        String r = reason();
        if (r != null) {
            throw new CancellationException(r);
        }
    }
}
