package io.sreagent.core.tool;

import java.util.Objects;

/**
 * Why a tool call failed, typed so agents can tell "the source is down" from "the object does not exist".
 *
 * @param kind    the class of failure
 * @param message what was wrong, with the value, and what to do
 */
public record ToolError(Kind kind, String message) {

    /** Classes of tool failure. */
    public enum Kind {
        /** The arguments do not match the tool's schema or make no sense. */
        INVALID_ARGUMENTS,
        /** The object or series asked for does not exist. */
        NOT_FOUND,
        /** The backend refused the caller's credentials (401/403). */
        FORBIDDEN,
        /** The backend could not be reached or answered 5xx: the source is down. */
        UNAVAILABLE,
        /** The call did not finish in time. */
        TIMEOUT,
        /** The object changed since it was read (optimistic concurrency). */
        CONFLICT,
        /** A policy refused the call (protected namespace, missing approval). */
        REFUSED,
        /** The backend rejected the query itself (bad PromQL/LogQL). */
        BAD_QUERY,
        /** A bug or an unexpected answer. */
        INTERNAL
    }

    public ToolError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Whether the failure says the source could not be consulted (the workflow then reports it degraded): down,
     * slow, refusing the credentials, or answering something unusable (INTERNAL: not its API, or the tool failed).
     */
    public boolean sourceDown() {
        return kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT || kind == Kind.FORBIDDEN || kind == Kind.INTERNAL;
    }
}
