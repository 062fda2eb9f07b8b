package io.sreagent.core.termination;

import java.util.Objects;

/**
 * Why a run or a team stopped.
 *
 * @param condition the condition that fired ({@code max_messages}, {@code timeout}, ...)
 * @param message   what it saw, for people
 */
public record StopReason(String condition, String message) {
    public StopReason {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return condition + ": " + message;
    }
}
