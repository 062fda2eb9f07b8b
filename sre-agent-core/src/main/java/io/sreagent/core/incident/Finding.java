package io.sreagent.core.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One piece of structured evidence with the root cause it supports and how strongly.
 *
 * <p>Analyzers (Kubernetes, logs, metrics, an LLM) produce findings; the workflow weighs them into a decision.
 * {@code resource} is where the cause lies (the object an operator has to change), {@code subject} the object the
 * symptom was seen on; they differ when an analyzer followed a dependency (a caller crash-looping because its
 * database is scaled to zero has the caller as subject and the database as resource).
 *
 * @param source     {@code kubernetes}, {@code prometheus}, {@code loki} or {@code llm}
 * @param analyzer   stable id of the check that produced it, such as {@code pod.oom_killed}
 * @param category   the root cause this evidence supports
 * @param resource   where that cause lies
 * @param subject    where the symptom was observed (may equal resource)
 * @param confidence how strongly the evidence supports the category, 0..1
 * @param summary    one sentence a person can read
 * @param detail     structured facts (limits, exit codes, event messages...)
 * @param since      when the condition began, if known
 * @param chain      the causal path from the symptom to this cause, one line per step (may be empty)
 */
public record Finding(
        String source,
        String analyzer,
        Category category,
        ResourceRef resource,
        @Nullable ResourceRef subject,
        double confidence,
        String summary,
        @Nullable JsonNode detail,
        @Nullable Instant since,
        @Nullable List<String> chain) {

    public Finding {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(analyzer, "analyzer");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(summary, "summary");
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
        if (subject == null) {
            subject = resource;
        }
        if (detail == null) {
            detail = JsonNodeFactory.instance.objectNode();
        }
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    /** A finding whose symptom and cause are on the same object, with no chain and no start time. */
    public static Finding of(String source, String analyzer, Category category, ResourceRef resource,
                             double confidence, String summary, JsonNode detail) {
        return new Finding(source, analyzer, category, resource, resource, confidence, summary, detail, null, List.of());
    }

    /** A copy with another confidence (clamped to 0..1). */
    public Finding withConfidence(double c) {
        return new Finding(source, analyzer, category, resource, subject, Math.max(0, Math.min(1, c)), summary, detail,
                since, chain);
    }
}
