package io.sreagent.core.analysis.metrics;

import java.time.Instant;

/**
 * An anomalous episode of a series found by {@link AnomalyDetector}.
 *
 * @param began      time of the first anomalous point (line it up with rollouts and events)
 * @param peakAt     time of the highest score
 * @param peakValue  the series' value at the peak
 * @param confidence the peak anomaly score, 0..1
 */
public record Anomaly(Instant began, Instant peakAt, double peakValue, double confidence) {
}
