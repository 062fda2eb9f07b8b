package io.sreagent.core.team;

/**
 * A member that failed during a team run, typed so a caller can tell which branch failed and why.
 *
 * @param agent     the member
 * @param errorType the exception's class name, or {@code timeout} / {@code invalid_handoff}
 * @param message   what went wrong
 */
public record AgentFailure(String agent, String errorType, String message) {
}
