package io.sreagent.prometheus.client;

import java.time.Instant;
import java.util.Map;

/**
 * An alert Prometheus currently evaluates as pending or firing ({@code GET /api/v1/alerts}).
 *
 * @param labels      the alert's labels ({@code alertname} included)
 * @param annotations the alert's annotations
 * @param state       {@code pending} or {@code firing}
 * @param activeAt    when the alert became active, or null
 * @param value       the value of the expression that fired, as text
 */
public record ActiveAlert(Map<String, String> labels, Map<String, String> annotations, String state,
                          Instant activeAt, String value) {

    /** Copies the maps. */
    public ActiveAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
