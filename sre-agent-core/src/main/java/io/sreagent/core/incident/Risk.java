package io.sreagent.core.incident;

/** How much harm an action can do if it is wrong; HIGH always waits for a person. */
public enum Risk {
    LOW, MEDIUM, HIGH;

    /** The greater of this and {@code other}. */
    public Risk max(Risk other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
