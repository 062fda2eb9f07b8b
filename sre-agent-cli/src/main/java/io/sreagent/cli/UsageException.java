package io.sreagent.cli;

/** Bad usage or unreadable input: the command exits 2 with this one-line message on stderr. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
