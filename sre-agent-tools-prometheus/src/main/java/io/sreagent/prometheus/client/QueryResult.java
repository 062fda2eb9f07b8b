package io.sreagent.prometheus.client;

import java.util.List;

/**
 * What a PromQL query returned, of whichever result type Prometheus chose.
 *
 * @param type     the result type
 * @param series   the series of a vector or matrix (empty for scalar and string, and when nothing matched)
 * @param scalar   the sample of a scalar result, or null
 * @param string   the value of a string result, or null
 * @param warnings warnings Prometheus attached (the query still succeeded)
 */
public record QueryResult(ResultType type, List<Series> series, Sample scalar, String string, List<String> warnings) {

    /** The result types of the Prometheus query API. */
    public enum ResultType { VECTOR, MATRIX, SCALAR, STRING }

    /** Copies the lists. */
    public QueryResult {
        series = List.copyOf(series);
        warnings = List.copyOf(warnings);
    }

    /** Whether no data came back: no series and no scalar or string value. */
    public boolean isEmpty() {
        return series.isEmpty() && scalar == null && string == null;
    }
}
