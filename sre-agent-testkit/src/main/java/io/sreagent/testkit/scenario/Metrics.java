package io.sreagent.testkit.scenario;

import java.util.List;

/**
 * The metrics of a scenario, parsed from {@code metrics.om}: the declared families and the series.
 *
 * @param families the families in file order
 * @param series   the series, sorted by labels
 * @param text     the OpenMetrics text as read, so that it can be loaded into a real Prometheus unchanged; empty when
 *                 the scenario has no metrics
 */
public record Metrics(List<MetricFamily> families, List<MetricSeries> series, String text) {

    public Metrics {
        families = List.copyOf(families);
        series = List.copyOf(series);
        text = text == null ? "" : text;
    }

    /** No metrics (a scenario without {@code metrics.om}). */
    public static Metrics empty() {
        return new Metrics(List.of(), List.of(), "");
    }

    /** Whether there is no series at all. */
    public boolean isEmpty() {
        return series.isEmpty();
    }
}
