package io.sreagent.core.analysis.metrics;

import java.time.Instant;
import java.util.List;

/**
 * How close a series runs to a limit (working set vs memory limit, replicas vs HPA maximum): the peak and last
 * ratios, how much of the time it spent near the limit, and when that began.
 *
 * @param limit          the limit compared against
 * @param maxRatio       highest value / limit
 * @param lastRatio      last value / limit
 * @param fractionNear   share of points at or above {@code nearRatio} of the limit
 * @param nearRatio      the ratio that counts as near (e.g. 0.9)
 * @param firstNear      time of the first point at or above {@code nearRatio}, or null
 * @param saturated      whether the series ran near the limit (peak at or above {@code nearRatio})
 * @param confidence     0..1: 0.5 at the near ratio, rising to about 1 at the limit and with time spent near it
 */
public record Saturation(double limit, double maxRatio, double lastRatio, double fractionNear, double nearRatio,
                         Instant firstNear, boolean saturated, double confidence) {

    /**
     * Compares {@code series} with {@code limit}.
     *
     * @throws IllegalArgumentException when the limit is not a positive number (no limit set: nothing to saturate)
     */
    public static Saturation against(List<Point> series, double limit, double nearRatio) {
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("saturation limit must be a positive number, was " + limit
                    + "; a missing or zero limit cannot be saturated");
        }
        if (!(nearRatio > 0 && nearRatio <= 1)) {
            throw new IllegalArgumentException("near ratio must be in (0, 1], was " + nearRatio);
        }
        double max = Double.NaN;
        double last = Double.NaN;
        int near = 0;
        int count = 0;
        Instant first = null;
        for (Point p : series) {
            if (Double.isNaN(p.value())) {
                continue;
            }
            double r = p.value() / limit;
            count++;
            max = Double.isNaN(max) ? r : Math.max(max, r);
            last = r;
            if (r >= nearRatio) {
                near++;
                if (first == null) {
                    first = p.time();
                }
            }
        }
        double fraction = count == 0 ? 0 : (double) near / count;
        boolean saturated = count > 0 && max >= nearRatio;
        double confidence = 0;
        if (saturated) {
            double closeness = Math.min(1, (max - nearRatio) / Math.max(1e-9, 1 - nearRatio));
            confidence = Math.min(0.99, 0.5 + 0.35 * closeness + 0.15 * Math.min(1, fraction * 4));
        }
        return new Saturation(limit, max, last, fraction, nearRatio, first, saturated, confidence);
    }
}
