package io.sreagent.prometheus.catalog;

/** Whether a catalog query is meant to be read at one instant or over a time range. */
public enum QueryKind {
    /** Read at one instant (the current value: a limit, the last terminated reason). */
    INSTANT,
    /** Read over a window (a curve to find trends and change points in). */
    RANGE
}
