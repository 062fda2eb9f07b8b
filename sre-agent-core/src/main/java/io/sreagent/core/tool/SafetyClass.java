package io.sreagent.core.tool;

/** What a tool can do to the world: read it, change it, or destroy part of it. */
public enum SafetyClass {
    /** Reads only; safe to call any number of times. */
    READ_ONLY,
    /** Changes state in a way that can be undone (scale, patch, cordon). */
    MUTATING,
    /** Removes or evicts something (delete a pod, drain a node). */
    DESTRUCTIVE
}
