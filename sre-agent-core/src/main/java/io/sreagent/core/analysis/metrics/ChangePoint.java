package io.sreagent.core.analysis.metrics;

import java.time.Instant;

/**
 * A lasting shift of a series' level: where it began, the typical values on both sides and how sure we are.
 *
 * @param at         the time of the first point of the new level (line it up with rollouts and events)
 * @param index      the index of that point in the analysed series
 * @param before     the median level before the change
 * @param after      the median level after the change
 * @param score      the shift in units of the series' noise (a z-like statistic)
 * @param confidence 0..1, growing with the score above the detection threshold
 */
public record ChangePoint(Instant at, int index, double before, double after, double score, double confidence) {

    /** The signed change of level, {@code after - before}. */
    public double delta() {
        return after - before;
    }
}
