package io.sreagent.loki;

import java.util.List;

/**
 * The answer to a LogQL query: log lines for a log query ({@code streams}), series for a metric query
 * ({@code matrix} or {@code vector}).
 *
 * @param resultType {@code streams}, {@code matrix}, {@code vector} or {@code scalar}
 * @param entries    log lines of every stream, in the order Loki returned them (empty for metric queries)
 * @param series     metric series (empty for log queries)
 */
public record QueryResult(String resultType, List<LogEntry> entries, List<MetricSeries> series) {

    public QueryResult {
        entries = entries == null ? List.of() : List.copyOf(entries);
        series = series == null ? List.of() : List.copyOf(series);
    }
}
