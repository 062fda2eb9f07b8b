package io.sreagent.prometheus.client;

/**
 * What Prometheus knows about a metric family from its exposition: type, help and unit.
 *
 * @param metric the metric family name
 * @param type   counter, gauge, histogram, summary, unknown, ...
 * @param help   the HELP text
 * @param unit   the unit, often empty
 */
public record MetricMetadata(String metric, String type, String help, String unit) {
}
