package io.sreagent.core.agent;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run's cancellation flag: set from any thread, checked by agents and teams between steps.
 */
public final class Cancellation {

    private final AtomicReference<String> reason = new AtomicReference<>();

    /** Requests cancellation; the first reason wins. */
    public void cancel(String why) {
        reason.compareAndSet(null, why == null ? "cancelled" : why);
    }

    /** Whether cancellation was requested. */
    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** The reason given, or null. */
    public String reason() {
        return reason.get();
    }

    /** Throws {@link CancellationException} if cancellation was requested. */
    public void throwIfCancelled() {
        String r = reason.get();
        if (r != null) {
            throw new CancellationException(r);
        }
    }
}
