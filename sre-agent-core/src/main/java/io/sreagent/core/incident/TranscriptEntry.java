package io.sreagent.core.incident;

/**
 * One line of a decision's transcript: who said what, in which team.
 *
 * @param agent   the agent
 * @param team    its team, or null at top level
 * @param type    the message type ({@code text}, {@code tool_call}, {@code finding}, ...)
 * @param content a rendering of the message
 */
public record TranscriptEntry(String agent, String team, String type, String content) {
}
