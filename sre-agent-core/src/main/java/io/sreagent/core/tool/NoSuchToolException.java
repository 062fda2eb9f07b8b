package io.sreagent.core.tool;

/** Thrown when a tool id is not registered; the message names the artifact that provides its namespace. */
public final class NoSuchToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoSuchToolException(String message) {
        super(message);
    }
}
