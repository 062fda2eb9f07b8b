package io.sreagent.core.incident;

import java.util.List;
import java.util.Objects;

/**
 * A candidate root cause with the confidence the evidence gives it.
 *
 * @param category   the cause
 * @param resource   where it lies
 * @param confidence 0..1
 * @param summary    one or two sentences, including the causal chain
 * @param support    summaries of the findings that support it
 */
public record Hypothesis(Category category, ResourceRef resource, double confidence, String summary,
                         List<String> support) {
    public Hypothesis {
        Objects.requireNonNull(category, "category");
        if (summary == null) {
            summary = "";
        }
        support = support == null ? List.of() : List.copyOf(support);
    }
}
