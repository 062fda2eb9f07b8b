package io.sreagent.testkit.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One time series of a scenario: its labels (the metric name under {@code __name__}) and its samples in time order.
 *
 * @param labels  all labels including {@code __name__}, sorted by name
 * @param samples the samples, oldest first, at most one per timestamp
 */
public record MetricSeries(Map<String, String> labels, List<MetricSample> samples) {

    public MetricSeries {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
        samples = List.copyOf(samples);
    }

    /** The metric name ({@code __name__}). */
    public String name() {
        return labels.get("__name__");
    }
}
