package io.sreagent.core.analysis.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The robust linear trend of a series (Theil–Sen): its slope, where the fitted line ends, and when it would reach a
 * limit, such as a working set creeping toward the memory limit.
 *
 * @param slopePerSecond the median pairwise slope, in value units per second
 * @param start          time of the first point used
 * @param end            time of the last point used
 * @param fittedEnd      the fitted line's value at {@code end}
 * @param points         number of points used
 * @param confidence     0..1: how consistently the points follow the slope's sign (share of pairwise slopes with the
 *                       same sign, rescaled so 0 means no consistent direction)
 */
public record Trend(double slopePerSecond, Instant start, Instant end, double fittedEnd, int points,
                    double confidence) {

    /** Most pairs the estimator looks at; longer series are thinned evenly so the cost stays bounded. */
    private static final int MAX_POINTS = 300;

    /** The trend of {@code series} (NaN points skipped), or empty with fewer than three points. */
    public static Optional<Trend> fit(List<Point> series) {
        List<Point> pts = new ArrayList<>();
        for (Point p : series) {
            if (!Double.isNaN(p.value()) && !Double.isInfinite(p.value())) {
                pts.add(p);
            }
        }
        if (pts.size() < 3) {
            return Optional.empty();
        }
        if (pts.size() > MAX_POINTS) {
            List<Point> thin = new ArrayList<>(MAX_POINTS);
            for (int i = 0; i < MAX_POINTS; i++) {
                thin.add(pts.get((int) ((long) i * (pts.size() - 1) / (MAX_POINTS - 1))));
            }
            pts = thin;
        }
        int n = pts.size();
        Instant t0 = pts.get(0).time();
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (pts.get(i).time().toEpochMilli() - t0.toEpochMilli()) / 1000.0;
            v[i] = pts.get(i).value();
        }
        double[] slopes = new double[n * (n - 1) / 2];
        int m = 0;
        int pos = 0;
        int neg = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dt = t[j] - t[i];
                if (dt <= 0) {
                    continue;
                }
                double s = (v[j] - v[i]) / dt;
                slopes[m++] = s;
                if (s > 0) {
                    pos++;
                } else if (s < 0) {
                    neg++;
                }
            }
        }
        if (m == 0) {
            return Optional.empty();
        }
        double slope = Stats.median(java.util.Arrays.copyOf(slopes, m), 0, m);
        double[] resid = new double[n];
        for (int i = 0; i < n; i++) {
            resid[i] = v[i] - slope * t[i];
        }
        double intercept = Stats.median(resid);
        double fittedEnd = intercept + slope * t[n - 1];
        // Kendall-like agreement: 1 when every pair rises (or every pair falls), 0 when rises and falls balance.
        double agreement = Math.abs(pos - neg) / (double) m;
        return Optional.of(new Trend(slope, t0, pts.get(n - 1).time(), fittedEnd, n, agreement));
    }

    /**
     * How long after {@link #end()} the fitted line reaches {@code limit}; empty when it moves away from the limit or
     * is flat (a line already past the limit moves away from it), zero when it ends exactly on it.
     */
    public Optional<Duration> timeToReach(double limit) {
        double gap = limit - fittedEnd;
        if (gap == 0) {
            return Optional.of(Duration.ZERO);
        }
        if (slopePerSecond == 0 || Math.signum(gap) != Math.signum(slopePerSecond)) {
            return Optional.empty();
        }
        double seconds = gap / slopePerSecond;
        if (seconds > 1e12) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (seconds * 1000)));
    }

    /** The moment the fitted line reaches {@code limit}, if it does. */
    public Optional<Instant> reachesAt(double limit) {
        return timeToReach(limit).map(end::plus);
    }
}
