package io.sreagent.testkit.scenario;

import java.util.Objects;

/**
 * The metadata of one OpenMetrics metric family ({@code # TYPE}, {@code # HELP}, {@code # UNIT}), as served by
 * Prometheus's {@code /api/v1/metadata}.
 *
 * @param name the family name (for a counter without the {@code _total} suffix its samples carry)
 * @param type {@code counter}, {@code gauge}, {@code histogram}, {@code summary}, {@code info}, {@code stateset},
 *             {@code gaugehistogram} or {@code unknown}
 * @param help the help text, empty when not declared
 * @param unit the unit, empty when not declared
 */
public record MetricFamily(String name, String type, String help, String unit) {

    public MetricFamily {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        help = help == null ? "" : help;
        unit = unit == null ? "" : unit;
    }
}
