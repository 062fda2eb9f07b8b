package io.sreagent.testkit.prometheus.internal;

import io.sreagent.testkit.scenario.MetricSample;
import io.sreagent.testkit.scenario.MetricSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates the supported PromQL subset over a fixed set of series with the semantics of Prometheus 2.x (the version
 * Debian ships): a 5-minute lookback for instant selectors, closed ranges {@code [t-range, t]}, extrapolated
 * {@code rate}/{@code increase}, least-squares {@code deriv}, Prometheus's bucket interpolation in
 * {@code histogram_quantile}, and one-to-one vector matching. Immutable and thread-safe.
 */
public final class PromQlEngine {

    /** Prometheus's default lookback delta for instant vector selectors. */
    public static final long LOOKBACK_MILLIS = 5 * 60_000L;

    /** One stored series: sorted labels (with {@code __name__}) and samples in time order. */
    record Stored(Map<String, String> labels, long[] ts, double[] values) {
    }

    /** A value of an expression at one instant. */
    public sealed interface Value {
    }

    /** A scalar. */
    public record Scalar(double value) implements Value {
    }

    /** One element of an instant vector. */
    public record Sample(Map<String, String> labels, double value) {
    }

    /** An instant vector. */
    public record Vector(List<Sample> samples) implements Value {
    }

    /** One series of a range vector: its labels and the samples in range. */
    public record Series(Map<String, String> labels, long[] ts, double[] values) {
    }

    /** A range vector (only as the whole result of an instant query). */
    public record Matrix(List<Series> series) implements Value {
    }

    private final List<Stored> series;

    /** An engine over {@code series}. */
    public PromQlEngine(List<MetricSeries> series) {
        List<Stored> stored = new ArrayList<>();
        for (MetricSeries s : series) {
            long[] ts = new long[s.samples().size()];
            double[] vs = new double[ts.length];
            for (int i = 0; i < ts.length; i++) {
                MetricSample m = s.samples().get(i);
                ts[i] = m.timestampMillis();
                vs[i] = m.value();
            }
            stored.add(new Stored(s.labels(), ts, vs));
        }
        this.series = List.copyOf(stored);
    }

    /** The label sets of all stored series matching {@code selector} with a sample in {@code [start, end]}. */
    public List<Map<String, String>> series(Expr.VectorSelector selector, long start, long end) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Stored s : select(selector)) {
            int from = firstAtOrAfter(s.ts, start);
            if (from < s.ts.length && s.ts[from] <= end) {
                out.add(s.labels);
            }
        }
        return out;
    }

    /** The earliest and latest sample time of all series, or null when there are none. */
    public long[] bounds() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Stored s : series) {
            if (s.ts.length > 0) {
                min = Math.min(min, s.ts[0]);
                max = Math.max(max, s.ts[s.ts.length - 1]);
            }
        }
        return min == Long.MAX_VALUE ? null : new long[] {min, max};
    }

    /** Evaluates {@code expr} at {@code t} (milliseconds since the epoch). */
    public Value eval(Expr expr, long t) {
        if (expr instanceof Expr.NumberLiteral n) {
            return new Scalar(n.value());
        }
        if (expr instanceof Expr.StringLiteral) {
            throw new PromQlException("string literals are not supported as expressions by the embedded Prometheus");
        }
        if (expr instanceof Expr.Paren p) {
            return eval(p.expr(), t);
        }
        if (expr instanceof Expr.VectorSelector vs) {
            return instantSelect(vs, t);
        }
        if (expr instanceof Expr.MatrixSelector ms) {
            List<Series> out = new ArrayList<>();
            for (Stored s : select(ms.selector())) {
                Series r = window(s, t - ms.rangeMillis(), t);
                if (r.ts.length > 0) {
                    out.add(r);
                }
            }
            return new Matrix(out);
        }
        if (expr instanceof Expr.Call c) {
            return call(c, t);
        }
        if (expr instanceof Expr.Aggregate a) {
            return aggregate(a, vector(eval(a.expr(), t), a.op()));
        }
        if (expr instanceof Expr.Negation n) {
            Value v = eval(n.expr(), t);
            if (v instanceof Scalar s) {
                return new Scalar(-s.value());
            }
            List<Sample> out = new ArrayList<>();
            for (Sample s : vector(v, "unary minus").samples()) {
                out.add(new Sample(withoutName(s.labels()), -s.value()));
            }
            return new Vector(unique(out));
        }
        if (expr instanceof Expr.Binary b) {
            return binary(b, eval(b.lhs(), t), eval(b.rhs(), t));
        }
        throw new PromQlException("unsupported expression " + expr);
    }

    // --- selectors -------------------------------------------------------------------------------------------------

    private List<Stored> select(Expr.VectorSelector vs) {
        List<Stored> out = new ArrayList<>();
        outer:
        for (Stored s : series) {
            for (Expr.Matcher m : vs.matchers()) {
                if (!m.matches(s.labels.get(m.label()))) {
                    continue outer;
                }
            }
            out.add(s);
        }
        return out;
    }

    private Vector instantSelect(Expr.VectorSelector vs, long t) {
        List<Sample> out = new ArrayList<>();
        for (Stored s : select(vs)) {
            int i = lastAtOrBefore(s.ts, t);
            // Prometheus 2.x: the newest sample in [t - lookback, t] (both ends included).
            if (i >= 0 && s.ts[i] >= t - LOOKBACK_MILLIS) {
                out.add(new Sample(s.labels, s.values[i]));
            }
        }
        return new Vector(out);
    }

    private static Series window(Stored s, long from, long to) {
        int a = firstAtOrAfter(s.ts, from);
        int b = lastAtOrBefore(s.ts, to);
        if (b < a) {
            return new Series(s.labels, new long[0], new double[0]);
        }
        return new Series(s.labels, Arrays.copyOfRange(s.ts, a, b + 1), Arrays.copyOfRange(s.values, a, b + 1));
    }

    private static int firstAtOrAfter(long[] ts, long t) {
        int i = Arrays.binarySearch(ts, t);
        return i >= 0 ? i : -i - 1;
    }

    private static int lastAtOrBefore(long[] ts, long t) {
        int i = Arrays.binarySearch(ts, t);
        return i >= 0 ? i : -i - 2;
    }

    // --- functions -------------------------------------------------------------------------------------------------

    private Value call(Expr.Call c, long t) {
        if (c.function().equals("histogram_quantile")) {
            Value q = eval(c.args().get(0), t);
            if (!(q instanceof Scalar qs)) {
                throw new PromQlException("expected type scalar in call to function \"histogram_quantile\" argument 1");
            }
            return histogramQuantile(qs.value(), vector(eval(c.args().get(1), t), "histogram_quantile"));
        }
        Expr.MatrixSelector ms = (Expr.MatrixSelector) c.args().get(0);
        long range = ms.rangeMillis();
        List<Sample> out = new ArrayList<>();
        for (Stored s : select(ms.selector())) {
            Series w = window(s, t - range, t);
            int n = w.ts.length;
            if (n == 0) {
                continue;
            }
            double v;
            switch (c.function()) {
                case "rate", "increase" -> {
                    if (n < 2) {
                        continue;
                    }
                    v = extrapolatedRate(w, t - range, t, range, c.function().equals("rate"));
                }
                case "irate" -> {
                    if (n < 2) {
                        continue;
                    }
                    double last = w.values[n - 1];
                    double prev = w.values[n - 2];
                    double diff = last < prev ? last : last - prev;
                    long interval = w.ts[n - 1] - w.ts[n - 2];
                    if (interval == 0) {
                        continue;
                    }
                    v = diff / (interval / 1000.0);
                }
                case "deriv" -> {
                    if (n < 2) {
                        continue;
                    }
                    v = slope(w);
                }
                case "avg_over_time" -> v = sum(w.values) / n;
                case "sum_over_time" -> v = sum(w.values);
                case "count_over_time" -> v = n;
                case "last_over_time" -> v = w.values[n - 1];
                case "max_over_time" -> {
                    v = w.values[0];
                    for (double x : w.values) {
                        if (x > v || Double.isNaN(v)) {
                            v = x;
                        }
                    }
                }
                case "min_over_time" -> {
                    v = w.values[0];
                    for (double x : w.values) {
                        if (x < v || Double.isNaN(v)) {
                            v = x;
                        }
                    }
                }
                default -> throw new PromQlException("unsupported function " + c.function());
            }
            // Every supported range function drops the metric name except last_over_time.
            Map<String, String> labels = c.function().equals("last_over_time") ? s.labels : withoutName(s.labels);
            out.add(new Sample(labels, v));
        }
        return new Vector(unique(out));
    }

    /** Prometheus's extrapolatedRate (promql/functions.go) for counters. */
    private static double extrapolatedRate(Series w, long rangeStart, long rangeEnd, long range, boolean isRate) {
        int n = w.ts.length;
        double result = w.values[n - 1] - w.values[0];
        double lastValue = 0;
        for (double v : w.values) {
            if (v < lastValue) {
                result += lastValue;
            }
            lastValue = v;
        }
        double durationToStart = (w.ts[0] - rangeStart) / 1000.0;
        double durationToEnd = (rangeEnd - w.ts[n - 1]) / 1000.0;
        double sampledInterval = (w.ts[n - 1] - w.ts[0]) / 1000.0;
        double averageDurationBetweenSamples = sampledInterval / (n - 1);
        if (result > 0 && w.values[0] >= 0) {
            double durationToZero = sampledInterval * (w.values[0] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        double extrapolationThreshold = averageDurationBetweenSamples * 1.1;
        double extrapolateToInterval = sampledInterval;
        extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart
                : averageDurationBetweenSamples / 2;
        extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd
                : averageDurationBetweenSamples / 2;
        result = result * (extrapolateToInterval / sampledInterval);
        if (isRate) {
            result = result / (range / 1000.0);
        }
        return result;
    }

    /** Least-squares slope per second, x measured from the first sample as Prometheus does. */
    private static double slope(Series w) {
        double initY = w.values[0];
        boolean constY = true;
        double n = 0;
        double[] sumX = new double[2];
        double[] sumY = new double[2];
        double[] sumXY = new double[2];
        double[] sumX2 = new double[2];
        for (int i = 0; i < w.ts.length; i++) {
            double y = w.values[i];
            if (constY && i > 0 && y != initY) {
                constY = false;
            }
            n += 1;
            double x = (w.ts[i] - w.ts[0]) / 1e3;
            kahan(sumX, x);
            kahan(sumY, y);
            kahan(sumXY, x * y);
            kahan(sumX2, x * x);
        }
        if (constY) {
            return Double.isInfinite(initY) ? Double.NaN : 0;
        }
        double sx = sumX[0] + sumX[1];
        double sy = sumY[0] + sumY[1];
        double sxy = sumXY[0] + sumXY[1];
        double sx2 = sumX2[0] + sumX2[1];
        double covXY = sxy - sx * sy / n;
        double varX = sx2 - sx * sx / n;
        return covXY / varX;
    }

    private static void kahan(double[] acc, double inc) {
        double sum = acc[0];
        double t = sum + inc;
        if (Math.abs(sum) >= Math.abs(inc)) {
            acc[1] += (sum - t) + inc;
        } else {
            acc[1] += (inc - t) + sum;
        }
        acc[0] = t;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** Prometheus's bucketQuantile (promql/quantile.go) for classic histograms. */
    private static Vector histogramQuantile(double q, Vector buckets) {
        Map<Map<String, String>, List<double[]>> groups = new LinkedHashMap<>();
        for (Sample s : buckets.samples()) {
            String le = s.labels().get("le");
            if (le == null) {
                continue;
            }
            double upper;
            try {
                upper = parseLe(le);
            } catch (NumberFormatException e) {
                continue;
            }
            Map<String, String> key = new TreeMap<>(s.labels());
            key.remove("le");
            key.remove("__name__");
            groups.computeIfAbsent(Collections.unmodifiableMap(key), k -> new ArrayList<>())
                    .add(new double[] {upper, s.value()});
        }
        List<Sample> out = new ArrayList<>();
        groups.forEach((labels, bs) -> out.add(new Sample(labels, bucketQuantile(q, bs))));
        return new Vector(out);
    }

    private static double parseLe(String le) {
        return switch (le) {
            case "+Inf", "Inf", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(le);
        };
    }

    private static double bucketQuantile(double q, List<double[]> input) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        List<double[]> buckets = new ArrayList<>(input);
        buckets.sort((a, b) -> Double.compare(a[0], b[0]));
        if (buckets.isEmpty() || !Double.isInfinite(buckets.get(buckets.size() - 1)[0])
                || buckets.get(buckets.size() - 1)[0] < 0) {
            return Double.NaN;
        }
        // coalesceBuckets: buckets with the same upper bound are summed.
        List<double[]> merged = new ArrayList<>();
        for (double[] b : buckets) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[0] == b[0]) {
                merged.get(merged.size() - 1)[1] += b[1];
            } else {
                merged.add(new double[] {b[0], b[1]});
            }
        }
        // ensureMonotonic
        double max = Double.NEGATIVE_INFINITY;
        for (double[] b : merged) {
            if (b[1] > max) {
                max = b[1];
            } else if (b[1] < max) {
                b[1] = max;
            }
        }
        if (merged.size() < 2) {
            return Double.NaN;
        }
        double observations = merged.get(merged.size() - 1)[1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        // sort.Search over all but the last bucket: first index whose count >= rank.
        while (b < merged.size() - 1 && !(merged.get(b)[1] >= rank)) {
            b++;
        }
        if (b == merged.size() - 1) {
            return merged.get(merged.size() - 2)[0];
        }
        if (b == 0 && merged.get(0)[0] <= 0) {
            return merged.get(0)[0];
        }
        double bucketStart = 0;
        double bucketEnd = merged.get(b)[0];
        double count = merged.get(b)[1];
        if (b > 0) {
            bucketStart = merged.get(b - 1)[0];
            count -= merged.get(b - 1)[1];
            rank -= merged.get(b - 1)[1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    // --- aggregation -----------------------------------------------------------------------------------------------

    private static Vector aggregate(Expr.Aggregate a, Vector in) {
        Map<Map<String, String>, double[]> groups = new LinkedHashMap<>(); // {value, count}
        Set<String> grouping = new HashSet<>(a.grouping());
        for (Sample s : in.samples()) {
            Map<String, String> key = new TreeMap<>();
            if (a.without()) {
                key.putAll(s.labels());
                key.remove("__name__");
                grouping.forEach(key::remove);
            } else {
                for (String l : a.grouping()) {
                    String v = s.labels().get(l);
                    if (v != null && !v.isEmpty()) {
                        key.put(l, v);
                    }
                }
            }
            Map<String, String> k = Collections.unmodifiableMap(key);
            double[] g = groups.get(k);
            double v = s.value();
            if (g == null) {
                groups.put(k, new double[] {a.op().equals("count") ? 1 : v, 1});
                continue;
            }
            g[1]++;
            switch (a.op()) {
                case "sum", "avg" -> g[0] += v;
                case "count" -> g[0] += 1;
                case "max" -> {
                    if (g[0] < v || Double.isNaN(g[0])) {
                        g[0] = v;
                    }
                }
                case "min" -> {
                    if (g[0] > v || Double.isNaN(g[0])) {
                        g[0] = v;
                    }
                }
                default -> throw new PromQlException("unsupported aggregation " + a.op());
            }
        }
        List<Sample> out = new ArrayList<>();
        groups.forEach((k, g) -> out.add(new Sample(k, a.op().equals("avg") ? g[0] / g[1] : g[0])));
        return new Vector(out);
    }

    // --- binary operators ------------------------------------------------------------------------------------------

    private static Value binary(Expr.Binary b, Value lhs, Value rhs) {
        String op = b.op();
        boolean comparison = Set.of("==", "!=", "<", ">", "<=", ">=").contains(op);
        if (lhs instanceof Matrix || rhs instanceof Matrix) {
            throw new PromQlException("binary expression must contain only scalar and instant vector types");
        }
        if (op.equals("and") || op.equals("or") || op.equals("unless")) {
            if (!(lhs instanceof Vector l) || !(rhs instanceof Vector r)) {
                throw new PromQlException("set operator \"" + op + "\" not allowed in binary scalar expression");
            }
            return setOperation(b, l, r);
        }
        if (lhs instanceof Scalar l && rhs instanceof Scalar r) {
            if (comparison && !b.returnBool()) {
                throw new PromQlException("comparisons between scalars must use BOOL modifier");
            }
            double v = apply(op, l.value(), r.value());
            return new Scalar(comparison ? (compare(op, l.value(), r.value()) ? 1 : 0) : v);
        }
        if (lhs instanceof Vector l && rhs instanceof Scalar r) {
            return vectorScalar(b, l, r.value(), false);
        }
        if (lhs instanceof Scalar l && rhs instanceof Vector r) {
            return vectorScalar(b, r, l.value(), true);
        }
        return vectorVector(b, (Vector) lhs, (Vector) rhs);
    }

    private static Vector vectorScalar(Expr.Binary b, Vector v, double scalar, boolean scalarLeft) {
        String op = b.op();
        boolean comparison = Set.of("==", "!=", "<", ">", "<=", ">=").contains(op);
        List<Sample> out = new ArrayList<>();
        for (Sample s : v.samples()) {
            double l = scalarLeft ? scalar : s.value();
            double r = scalarLeft ? s.value() : scalar;
            if (comparison) {
                boolean keep = compare(op, l, r);
                if (b.returnBool()) {
                    out.add(new Sample(withoutName(s.labels()), keep ? 1 : 0));
                } else if (keep) {
                    // Filtering keeps the vector element's value, whichever side it was on.
                    out.add(new Sample(s.labels(), s.value()));
                }
            } else {
                out.add(new Sample(withoutName(s.labels()), apply(op, l, r)));
            }
        }
        return new Vector(unique(out));
    }

    private static Vector vectorVector(Expr.Binary b, Vector lhs, Vector rhs) {
        String op = b.op();
        boolean comparison = Set.of("==", "!=", "<", ">", "<=", ">=").contains(op);
        Map<Map<String, String>, Sample> right = new HashMap<>();
        for (Sample s : rhs.samples()) {
            Map<String, String> sig = signature(s.labels(), b);
            if (right.put(sig, s) != null) {
                throw PromQlException.execution("found duplicate series for the match group " + sig
                        + " on the right hand-side of the operation: many-to-many matching not allowed: matching "
                        + "labels must be unique on one side");
            }
        }
        Set<Map<String, String>> seenLeft = new HashSet<>();
        List<Sample> out = new ArrayList<>();
        for (Sample s : lhs.samples()) {
            Map<String, String> sig = signature(s.labels(), b);
            Sample r = right.get(sig);
            if (r == null) {
                continue;
            }
            if (!seenLeft.add(sig)) {
                throw PromQlException.execution("multiple matches for labels: many-to-one matching must be explicit "
                        + "(group_left/group_right), which the embedded Prometheus does not support");
            }
            Map<String, String> labels = new TreeMap<>(s.labels());
            if (!comparison || b.returnBool()) {
                labels.remove("__name__");
            }
            if (b.on()) {
                labels.keySet().retainAll(new HashSet<>(b.matching()));
            } else {
                b.matching().forEach(labels::remove);
            }
            Map<String, String> result = Collections.unmodifiableMap(labels);
            if (comparison) {
                boolean keep = compare(op, s.value(), r.value());
                if (b.returnBool()) {
                    out.add(new Sample(result, keep ? 1 : 0));
                } else if (keep) {
                    out.add(new Sample(result, s.value()));
                }
            } else {
                out.add(new Sample(result, apply(op, s.value(), r.value())));
            }
        }
        return new Vector(unique(out));
    }

    /**
     * {@code and}: the left elements whose match group the right side has; {@code unless}: those it has not;
     * {@code or}: every left element, and the right elements of match groups the left side has not. Elements keep
     * their labels, metric name included.
     */
    private static Vector setOperation(Expr.Binary b, Vector lhs, Vector rhs) {
        Set<Map<String, String>> right = new HashSet<>();
        rhs.samples().forEach(s -> right.add(signature(s.labels(), b)));
        List<Sample> out = new ArrayList<>();
        Set<Map<String, String>> left = new HashSet<>();
        for (Sample s : lhs.samples()) {
            Map<String, String> sig = signature(s.labels(), b);
            left.add(sig);
            boolean matched = right.contains(sig);
            if (b.op().equals("or") || (b.op().equals("and") == matched)) {
                out.add(s);
            }
        }
        if (b.op().equals("or")) {
            for (Sample s : rhs.samples()) {
                if (!left.contains(signature(s.labels(), b))) {
                    out.add(s);
                }
            }
        }
        return new Vector(out);
    }

    private static Map<String, String> signature(Map<String, String> labels, Expr.Binary b) {
        Map<String, String> sig = new TreeMap<>();
        if (b.on()) {
            for (String l : b.matching()) {
                String v = labels.get(l);
                if (v != null && !v.isEmpty()) {
                    sig.put(l, v);
                }
            }
        } else {
            sig.putAll(labels);
            sig.remove("__name__");
            b.matching().forEach(sig::remove);
        }
        return sig;
    }

    private static double apply(String op, double l, double r) {
        return switch (op) {
            case "+" -> l + r;
            case "-" -> l - r;
            case "*" -> l * r;
            case "/" -> l / r;
            case "%" -> l % r;
            case "^" -> Math.pow(l, r);
            default -> compare(op, l, r) ? 1 : 0;
        };
    }

    private static boolean compare(String op, double l, double r) {
        return switch (op) {
            case "==" -> l == r;
            case "!=" -> l != r;
            case "<" -> l < r;
            case ">" -> l > r;
            case "<=" -> l <= r;
            case ">=" -> l >= r;
            default -> throw new PromQlException("not a comparison: " + op);
        };
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static Vector vector(Value v, String context) {
        if (v instanceof Vector vec) {
            return vec;
        }
        throw new PromQlException("expected type instant vector in " + context + ", got "
                + (v instanceof Scalar ? "scalar" : "range vector"));
    }

    private static Map<String, String> withoutName(Map<String, String> labels) {
        if (!labels.containsKey("__name__")) {
            return labels;
        }
        Map<String, String> m = new TreeMap<>(labels);
        m.remove("__name__");
        return Collections.unmodifiableMap(m);
    }

    private static List<Sample> unique(List<Sample> samples) {
        Set<Map<String, String>> seen = new HashSet<>();
        for (Sample s : samples) {
            if (!seen.add(s.labels())) {
                throw PromQlException.execution("vector cannot contain metrics with the same labelset " + s.labels());
            }
        }
        return samples;
    }
}
