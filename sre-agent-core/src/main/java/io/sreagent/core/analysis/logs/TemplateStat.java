package io.sreagent.core.analysis.logs;

import java.util.Objects;

/**
 * A template with how often it appeared before and after the incident began, and how new it is.
 *
 * @param template the template
 * @param before   matching lines before the incident start
 * @param after    matching lines at or after the incident start (all lines when no start was given)
 * @param novelty  0..1: 1 = never seen before the incident, 0.5 = as frequent as before, 0 = only before
 */
public record TemplateStat(LogTemplate template, long before, long after, double novelty) {

    public TemplateStat {
        Objects.requireNonNull(template, "template");
    }

    /** Whether the template appeared only after the incident began. */
    public boolean isNew() {
        return before == 0 && after > 0;
    }
}
