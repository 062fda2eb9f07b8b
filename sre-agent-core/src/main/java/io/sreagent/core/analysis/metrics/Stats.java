package io.sreagent.core.analysis.metrics;

import java.util.Arrays;

/** Robust statistics shared by the analyses: median, MAD and friends over primitive arrays. */
final class Stats {

    /** Scale factor that turns a MAD into a standard deviation for normally distributed data. */
    static final double MAD_TO_SIGMA = 1.4826;

    private Stats() {
    }

    static double median(double[] values, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return Double.NaN;
        }
        double[] c = Arrays.copyOfRange(values, from, to);
        for (double v : c) {
            if (Double.isNaN(v)) {
                // selection compares with <, which NaN defeats; sorting places NaN last, as this always has
                Arrays.sort(c);
                return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
            }
        }
        // selection instead of a sort: Theil-Sen trends take the median of every pairwise slope, n^2 of them
        double upper = select(c, n / 2);
        if (n % 2 == 1) {
            return upper;
        }
        // after selecting k, everything left of k is at most c[k]: the lower middle is their maximum
        double lower = c[0];
        for (int i = 1; i < n / 2; i++) {
            lower = Math.max(lower, c[i]);
        }
        return (lower + upper) / 2;
    }

    /** The k-th smallest of {@code a} (Hoare's selection), leaving smaller values left of k and larger right of it. */
    private static double select(double[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (lo < hi) {
            double pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    static double median(double[] values) {
        return median(values, 0, values.length);
    }

    static double mad(double[] values, int from, int to, double median) {
        double[] d = new double[to - from];
        for (int i = from; i < to; i++) {
            d[i - from] = Math.abs(values[i] - median);
        }
        return median(d);
    }

    /**
     * A robust estimate of the noise level: the MAD of first differences, scaled to a standard deviation of one
     * observation. Differencing removes level shifts and slow trends, so the estimate is not inflated by the very
     * changes the analyses look for.
     */
    static double noiseSigma(double[] v) {
        if (v.length < 3) {
            return 0;
        }
        double[] d = new double[v.length - 1];
        for (int i = 1; i < v.length; i++) {
            d[i - 1] = v[i] - v[i - 1];
        }
        double med = median(d);
        double meanAbs = 0;
        for (double x : d) {
            meanAbs += Math.abs(x - med);
        }
        meanAbs /= d.length;
        // The MAD is 0 when most differences are equal (a sawtooth, a quantised counter); the mean absolute
        // deviation (scaled to a sigma by sqrt(pi/2)) still sees the variation there.
        return Math.max(MAD_TO_SIGMA * mad(d, 0, d.length, med), 1.2533 * meanAbs) / Math.sqrt(2);
    }

    /** A floor for a scale so divisions stay finite on constant series: relative to the data's magnitude. */
    static double floorScale(double scale, double[] v) {
        double mag = 0;
        for (double x : v) {
            mag = Math.max(mag, Math.abs(x));
        }
        return Math.max(scale, Math.max(1e-9, mag * 1e-6));
    }
}
