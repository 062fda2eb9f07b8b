package io.sreagent.core.analysis.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds lasting level shifts in a series (an error rate that jumped at a rollout, memory that dropped at a restart).
 *
 * <p>Binary segmentation with a CUSUM statistic over winsorised values: outliers are clipped to the median plus or
 * minus four noise deviations first, so a single spike is not reported as a change, and the noise level is estimated
 * from first differences, so the shifts themselves do not inflate it. A split is kept when its statistic exceeds
 * {@code threshold} (in noise units, scaled by segment length) and both sides have at least {@code minSegment} points.
 */
public final class ChangePoints {

    private final double threshold;
    private final int minSegment;
    private final int maxChanges;

    /**
     * A detector.
     *
     * @param threshold  minimum shift statistic (noise units times sqrt of effective segment length), e.g. 6
     * @param minSegment minimum points on each side of a change, e.g. 5
     * @param maxChanges most changes to report, strongest first
     */
    public ChangePoints(double threshold, int minSegment, int maxChanges) {
        if (threshold <= 0 || minSegment < 2 || maxChanges < 1) {
            throw new IllegalArgumentException("change-point settings threshold=" + threshold + " minSegment="
                    + minSegment + " maxChanges=" + maxChanges + " are invalid; need threshold > 0, minSegment >= 2, "
                    + "maxChanges >= 1");
        }
        this.threshold = threshold;
        this.minSegment = minSegment;
        this.maxChanges = maxChanges;
    }

    /** Defaults suited to monitoring series of tens to hundreds of points: threshold 6, segments of 5, 5 changes. */
    public static ChangePoints defaults() {
        return new ChangePoints(6, 5, 5);
    }

    /** The changes in {@code series}, in time order; NaN points are skipped. */
    public List<ChangePoint> detect(List<Point> series) {
        List<Point> pts = series.stream().filter(p -> !Double.isNaN(p.value())).toList();
        int n = pts.size();
        if (n < 2 * minSegment) {
            return List.of();
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = pts.get(i).value();
        }
        double med = Stats.median(v);
        double sigma = Stats.floorScale(Stats.noiseSigma(v), v);
        double[] w = new double[n];
        // Clip around a running reference rather than the global median would be better for trends; the global
        // median with a generous band keeps level shifts intact while removing isolated spikes.
        double spread = Stats.MAD_TO_SIGMA * Stats.mad(v, 0, n, med);
        double band = Math.max(4 * sigma, 4 * spread);
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(med - band, Math.min(med + band, v[i]));
        }
        List<int[]> stack = new ArrayList<>();
        stack.add(new int[] {0, n});
        List<ChangePoint> found = new ArrayList<>();
        while (!stack.isEmpty() && found.size() < maxChanges * 3) {
            int[] seg = stack.remove(stack.size() - 1);
            int from = seg[0];
            int to = seg[1];
            int len = to - from;
            if (len < 2 * minSegment) {
                continue;
            }
            double total = 0;
            for (int i = from; i < to; i++) {
                total += w[i];
            }
            double left = 0;
            double best = 0;
            int bestK = -1;
            for (int k = from + 1; k < to; k++) {
                left += w[k - 1];
                int nl = k - from;
                int nr = to - k;
                if (nl < minSegment || nr < minSegment) {
                    continue;
                }
                double diff = (total - left) / nr - left / nl;
                double stat = Math.abs(diff) * Math.sqrt((double) nl * nr / len) / sigma;
                if (stat > best) {
                    best = stat;
                    bestK = k;
                }
            }
            if (bestK < 0 || best < threshold) {
                continue;
            }
            double before = Stats.median(v, from, bestK);
            double after = Stats.median(v, bestK, to);
            double confidence = 1 - Math.exp(-(best - threshold) / threshold) * 0.5;
            found.add(new ChangePoint(pts.get(bestK).time(), bestK, before, after, best,
                    Math.min(0.99, confidence)));
            stack.add(new int[] {from, bestK});
            stack.add(new int[] {bestK, to});
        }
        return found.stream()
                .sorted(Comparator.comparingDouble(ChangePoint::score).reversed())
                .limit(maxChanges)
                .sorted(Comparator.comparingInt(ChangePoint::index))
                .toList();
    }
}
