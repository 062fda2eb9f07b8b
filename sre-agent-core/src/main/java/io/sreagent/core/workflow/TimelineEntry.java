package io.sreagent.core.workflow;

import java.time.Instant;

/**
 * One step of an incident's timeline.
 *
 * @param at     when (run clock)
 * @param agent  who
 * @param kind   {@code turn}, {@code finding}, {@code action}, {@code degraded}, ...
 * @param text   what happened
 */
public record TimelineEntry(Instant at, String agent, String kind, String text) {
}
