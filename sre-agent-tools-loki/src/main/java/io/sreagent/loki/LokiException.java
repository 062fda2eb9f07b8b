package io.sreagent.loki;

import io.sreagent.core.tool.ToolError;
import java.util.Objects;

/**
 * A failed Loki call, typed so a tool can tell a bad query from a down server: the {@link ToolError.Kind}, the HTTP
 * status (0 when there was no answer) and a message that says what was wrong and what to do.
 */
public final class LokiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ToolError.Kind kind;
    private final int status;

    /** A failure of the given kind. */
    public LokiException(ToolError.Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
    }

    /** The class of failure. */
    public ToolError.Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when Loki did not answer. */
    public int status() {
        return status;
    }
}
