package io.sreagent.core.tool;

/** Thrown when two sources register the same tool id; the message names both. */
public final class DuplicateToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DuplicateToolException(String message) {
        super(message);
    }
}
