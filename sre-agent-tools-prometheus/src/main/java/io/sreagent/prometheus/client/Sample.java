package io.sreagent.prometheus.client;

import java.time.Instant;

/**
 * One value of a series at one time.
 *
 * @param time  when (millisecond precision, as Prometheus reports it)
 * @param value the value; may be NaN or infinite as Prometheus allows
 */
public record Sample(Instant time, double value) {
}
