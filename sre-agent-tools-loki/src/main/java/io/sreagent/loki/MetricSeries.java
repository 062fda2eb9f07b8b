package io.sreagent.loki;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One series of a LogQL metric query ({@code matrix} or {@code vector} result), such as
 * {@code count_over_time({app="x"} |= "error" [1m])}.
 *
 * @param metric  the series labels
 * @param samples the samples in time order (one for a vector result)
 */
public record MetricSeries(Map<String, String> metric, List<Sample> samples) {

    public MetricSeries {
        metric = metric == null ? Map.of() : Map.copyOf(metric);
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    /**
     * One sample.
     *
     * @param time  when
     * @param value the value (NaN when Loki sent a non-number)
     */
    public record Sample(Instant time, double value) {
    }
}
