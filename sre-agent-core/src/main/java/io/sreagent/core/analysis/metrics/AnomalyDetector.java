package io.sreagent.core.analysis.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Streaming, seasonality-aware anomaly scoring of one series: feed points in time order, get a score in [0, 1] per
 * point (1 = very unusual).
 *
 * <p>How it scores, and why:
 * <ol>
 * <li>A raw surprise per point: the distance of the value from two forecasts, in units of each forecast's typical
 * error: the recent level (median of the last points) and, once the history covers two periods of a daily or
 * weekly season, the value one period ago corrected by the level change since. The smaller of the two counts, so
 * a value normal for its time of day is not surprising just because it differs from the last hour.</li>
 * <li>An anomaly likelihood over the raw surprises (the post-processing Numenta's HTM detector uses): the mean of the
 * last few surprises compared with the mean and deviation of the long history of surprises, as a Gaussian tail
 * probability. Noisy series thus need larger surprises, and a sustained change scores higher than a single
 * spike.</li>
 * <li>Novelty: a value outside the range of the recent history (by a share of that range) is surprising whatever
 * the forecasts say.</li>
 * <li>One alarm per episode: after a score at or above the alarm level, the next points score 0 for a refractory
 * period, so a long anomaly is reported once, when it begins.</li>
 * </ol>
 * <p>The defaults were chosen on the Numenta Anomaly Benchmark as one configuration for all of its 58 series
 * (see {@code NabBenchmark} in the examples); the seasonal forecast is worth about 7 points of its standard score.
 * Not thread-safe: one instance per series.
 */
public final class AnomalyDetector {

    /**
     * Tuning of the detector; {@link #defaults()} is one configuration for all series.
     *
     * @param recentWindow     points in the recent-level forecast (median)
     * @param errorWindow      forecast errors kept to estimate each forecast's typical error
     * @param shortWindow      surprises averaged for the likelihood
     * @param longWindow       surprises kept as the likelihood's reference distribution
     * @param warmup           points before any score above 0.5 is given (the detector is still learning)
     * @param seasons          candidate season lengths in seconds, tried in order (daily, weekly)
     * @param alarmLevel       a score at or above this is an alarm
     * @param refractory       points after an alarm whose scores are reported as 0: one episode, one alarm
     * @param noveltyWeight    surprise per unit of distance outside the range of all values seen so far (in units of
     *                         that range); a value never seen before is suspicious whatever the forecasts say
     * @param noveltyWindow    points the novelty range covers (0: all points seen)
     */
    public record Settings(int recentWindow, int errorWindow, int shortWindow, int longWindow, int warmup,
                           long[] seasons, double alarmLevel, int refractory, double noveltyWeight,
                           int noveltyWindow) {

        /** Checks the windows are positive. */
        public Settings {
            if (recentWindow < 1 || errorWindow < 10 || shortWindow < 1 || longWindow < 20 || warmup < 0) {
                throw new IllegalArgumentException("anomaly detector windows must be positive (recent " + recentWindow
                        + ", error " + errorWindow + " >= 10, short " + shortWindow + ", long " + longWindow
                        + " >= 20, warmup " + warmup + " >= 0)");
            }
            seasons = seasons == null ? new long[0] : seasons.clone();
        }

        /** The configuration used for every series. */
        public static Settings defaults() {
            return new Settings(12, 400, 4, 5000, 300, new long[] {86_400, 7 * 86_400}, 0.99, 200, 3000, 1000);
        }
    }

    private final Settings settings;
    private long[] times = new long[256];
    private double[] values = new double[256];
    private int n;
    private final Ring recentErrors;
    private final Ring seasonalErrors;
    private final Ring surprises;
    private double surpriseSum;
    private double surpriseSq;
    // Scales are medians over hundreds of errors; refreshing them every few points keeps scoring linear in practice.
    private static final int SCALE_REFRESH = 8;
    private double scaleR = Double.NaN;
    private double scaleS = Double.NaN;
    private int lastAlarm = -1;
    private double minSeen;
    private final java.util.ArrayDeque<Integer> minQ = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Integer> maxQ = new java.util.ArrayDeque<>();
    private double maxSeen;

    /** A detector with the default settings. */
    public AnomalyDetector() {
        this(Settings.defaults());
    }

    /** A detector with {@code settings}. */
    public AnomalyDetector(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recentErrors = new Ring(settings.errorWindow());
        this.seasonalErrors = new Ring(settings.errorWindow());
        this.surprises = new Ring(settings.longWindow());
    }

    /**
     * Scores the next point; a point older than the previous one is treated as simultaneous with it. NaN values
     * score 0 and are not learnt.
     *
     * @return the anomaly score in [0, 1]
     */
    public double update(Instant time, double value) {
        Objects.requireNonNull(time, "time");
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        long t = time.getEpochSecond();
        if (n > 0 && t < times[n - 1]) {
            // Out-of-order rows occur in real exports; treating them as simultaneous keeps the history sorted.
            t = times[n - 1];
        }
        double surprise = Double.NaN;
        if (n >= 2) {
            double recent = recentLevel(n);
            double errR = value - recent;
            if (n % SCALE_REFRESH == 0 || Double.isNaN(scaleR)) {
                scaleR = scale(recentErrors);
                scaleS = seasonalErrors.size() >= 20 ? scale(seasonalErrors) : Double.NaN;
            }
            double s = Math.abs(errR) / scaleR;
            double seasonal = seasonalForecast(t, n);
            if (!Double.isNaN(seasonal)) {
                double errS = value - seasonal;
                if (!Double.isNaN(scaleS)) {
                    s = Math.min(s, Math.abs(errS) / scaleS);
                }
                seasonalErrors.add(errS);
            }
            recentErrors.add(errR);
            if (settings.noveltyWeight() > 0 && n >= settings.warmup()) {
                double range = Math.max(maxSeen - minSeen, 1e-9 + 1e-6 * Math.abs(maxSeen));
                double outside = Math.max(0, Math.max(value - maxSeen, minSeen - value)) / range;
                s = Math.max(s, settings.noveltyWeight() * outside);
            }
            surprise = Math.min(s, 50);
        }
        append(t, value);
        if (settings.noveltyWindow() > 0) {
            // sliding minimum and maximum with monotonic deques of indices
            while (!minQ.isEmpty() && values[minQ.peekLast()] >= value) {
                minQ.pollLast();
            }
            minQ.addLast(n - 1);
            while (!maxQ.isEmpty() && values[maxQ.peekLast()] <= value) {
                maxQ.pollLast();
            }
            maxQ.addLast(n - 1);
            while (minQ.peekFirst() <= n - 1 - settings.noveltyWindow()) {
                minQ.pollFirst();
            }
            while (maxQ.peekFirst() <= n - 1 - settings.noveltyWindow()) {
                maxQ.pollFirst();
            }
            minSeen = values[minQ.peekFirst()];
            maxSeen = values[maxQ.peekFirst()];
        } else {
            minSeen = n == 1 ? value : Math.min(minSeen, value);
            maxSeen = n == 1 ? value : Math.max(maxSeen, value);
        }
        if (Double.isNaN(surprise)) {
            return 0;
        }
        double score = likelihood(surprise);
        if (n <= settings.warmup()) {
            return Math.min(score, 0.5);
        }
        if (lastAlarm >= 0 && n - lastAlarm <= settings.refractory()) {
            return 0;
        }
        if (score >= settings.alarmLevel()) {
            lastAlarm = n;
        }
        return score;
    }

    /** Scores a whole series with a fresh detector of the default settings; one score per point. */
    public static double[] scoreAll(List<Point> series) {
        AnomalyDetector d = new AnomalyDetector();
        double[] out = new double[series.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.update(series.get(i).time(), series.get(i).value());
        }
        return out;
    }

    /**
     * The anomalous episodes of {@code series}: runs of points scoring at least {@code threshold}, each reported
     * with the time it began, its peak score (the confidence) and the value and level at the peak.
     */
    public static List<Anomaly> find(List<Point> series, double threshold) {
        double[] scores = scoreAll(series);
        List<Anomaly> out = new ArrayList<>();
        int i = 0;
        while (i < scores.length) {
            if (scores[i] < threshold) {
                i++;
                continue;
            }
            int start = i;
            int peak = i;
            while (i < scores.length && scores[i] >= threshold) {
                if (scores[i] > scores[peak]) {
                    peak = i;
                }
                i++;
            }
            out.add(new Anomaly(series.get(start).time(), series.get(peak).time(), series.get(peak).value(),
                    scores[peak]));
        }
        return out;
    }

    // ------------------------------------------------------------------ internals

    private double likelihood(double surprise) {
        // Reference distribution from the surprises before this one, so the new one cannot dampen itself.
        double score = 0;
        int k = surprises.size();
        if (k >= 20) {
            double mean = surpriseSum / k;
            double var = Math.max(0, surpriseSq / k - mean * mean);
            double sd = Math.max(Math.sqrt(var), 0.05 + 0.05 * mean);
            int m = Math.min(settings.shortWindow() - 1, k);
            double shortSum = surprise;
            for (int j = 0; j < m; j++) {
                shortSum += surprises.fromEnd(j);
            }
            double shortMean = shortSum / (m + 1);
            double z = (shortMean - mean) / sd;
            score = normalCdf(z);
        }
        double evicted = surprises.add(surprise);
        if (!Double.isNaN(evicted)) {
            surpriseSum -= evicted;
            surpriseSq -= evicted * evicted;
        }
        surpriseSum += surprise;
        surpriseSq += surprise * surprise;
        return score;
    }

    private double recentLevel(int end) {
        int from = Math.max(0, end - settings.recentWindow());
        return Stats.median(values, from, end);
    }

    /**
     * The value one season ago, shifted by how much the recent level moved since then; NaN until the history spans
     * two seasons.
     */
    private double seasonalForecast(long t, int end) {
        for (long season : settings.seasons()) {
            if (t - times[0] < 2 * season) {
                continue;
            }
            int j = indexAtOrBefore(t - season, end);
            if (j < 0 || Math.abs(times[j] - (t - season)) > season / 48) {
                continue;
            }
            int w = Math.max(1, settings.recentWindow() / 2);
            double then = Stats.median(values, Math.max(0, j - w), j);
            double now = Stats.median(values, Math.max(0, end - w), end);
            if (Double.isNaN(then) || Double.isNaN(now)) {
                return values[j];
            }
            return values[j] + (now - then);
        }
        return Double.NaN;
    }

    private int indexAtOrBefore(long t, int end) {
        int idx = Arrays.binarySearch(times, 0, end, t);
        return idx >= 0 ? idx : -idx - 2;
    }

    private double scale(Ring errors) {
        double[] e = errors.toArray();
        if (e.length < 5) {
            // Not enough errors yet: fall back to the spread of the values seen so far.
            double[] v = Arrays.copyOf(values, n);
            double med = Stats.median(v);
            return Stats.floorScale(Stats.MAD_TO_SIGMA * Stats.mad(v, 0, n, med), v);
        }
        double med = Stats.median(e);
        double mad = Stats.MAD_TO_SIGMA * Stats.mad(e, 0, e.length, med);
        double mean = 0;
        for (double x : e) {
            mean += Math.abs(x);
        }
        mean /= e.length;
        // Quantised series (many equal values) have a MAD of 0; the mean absolute error keeps the scale honest.
        return Stats.floorScale(Math.max(mad, 0.5 * mean), e);
    }

    private void append(long t, double v) {
        if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
            values = Arrays.copyOf(values, n * 2);
        }
        times[n] = t;
        values[n] = v;
        n++;
    }

    static double normalCdf(double z) {
        // Abramowitz-Stegun 7.1.26 via erf; accurate to about 1e-7, enough to rank scores.
        double x = z / Math.sqrt(2);
        double sign = Math.signum(x);
        x = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * x);
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-x * x);
        return 0.5 * (1 + sign * y);
    }

    /** A fixed-size ring of doubles. */
    private static final class Ring {
        private final double[] data;
        private int start;
        private int size;

        Ring(int capacity) {
            data = new double[capacity];
        }

        /** Adds {@code v}; returns the value pushed out, or NaN. */
        double add(double v) {
            double evicted = Double.NaN;
            if (size == data.length) {
                evicted = data[start];
                data[start] = v;
                start = (start + 1) % data.length;
            } else {
                data[(start + size) % data.length] = v;
                size++;
            }
            return evicted;
        }

        int size() {
            return size;
        }

        double fromEnd(int j) {
            return data[(start + size - 1 - j) % data.length];
        }

        double[] toArray() {
            double[] out = new double[size];
            for (int i = 0; i < size; i++) {
                out[i] = data[(start + i) % data.length];
            }
            return out;
        }
    }
}
