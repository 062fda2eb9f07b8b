package io.sreagent.testkit.scenario;

/**
 * One sample of a series: a value at a time.
 *
 * @param timestampMillis milliseconds since the epoch (OpenMetrics seconds with decimals, truncated to milliseconds as
 *                        Prometheus stores them)
 * @param value           the value; may be NaN or infinite
 */
public record MetricSample(long timestampMillis, double value) {
}
