package io.sreagent.core.analysis.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/** The median by selection equals the median of the sorted values, whatever the order, ties and range. */
class StatsTest {

    static double sortedMedian(double[] v, int from, int to) {
        double[] c = Arrays.copyOfRange(v, from, to);
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    /** Equal as numbers ({@code -0.0 == 0.0}: their order among ties is not a property of the median). */
    static void same(double actual, double expected) {
        assertThat(actual == expected || Double.isNaN(actual) && Double.isNaN(expected))
                .as("%s vs %s", actual, expected).isTrue();
    }

    @Property(tries = 500, seed = "20261202")
    void medianBySelectionIsTheSortedMedian(@ForAll @Size(min = 1, max = 300) double[] values) {
        same(Stats.median(values), sortedMedian(values, 0, values.length));
    }

    @Property(tries = 300, seed = "20261202")
    void tiesAndSubrangesToo(@ForAll @Size(min = 2, max = 200) int[] small, @ForAll @DoubleRange(min = 0, max = 1) double cut) {
        // few distinct values: many ties around the middle
        double[] v = Arrays.stream(small).mapToDouble(i -> Math.floorMod(i, 5)).toArray();
        int from = (int) (cut * (v.length - 1));
        double[] before = v.clone();
        same(Stats.median(v, from, v.length), sortedMedian(v, from, v.length));
        assertThat(v).as("the input is left as it was").isEqualTo(before);
    }

    @Property(tries = 100, seed = "20261202")
    void notANumberStillSortsLast(@ForAll @Size(min = 1, max = 50) double[] values) {
        double[] v = Arrays.copyOf(values, values.length + 1);
        v[values.length] = Double.NaN;
        same(Stats.median(v), sortedMedian(v, 0, v.length));
    }
}
