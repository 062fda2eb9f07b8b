package io.sreagent.core.incident;

/**
 * The decision's root cause: a taxonomy category, the object to change, and a sentence a person can act on.
 *
 * @param category the cause
 * @param resource where it lies
 * @param summary  one or two sentences
 */
public record RootCause(Category category, ResourceRef resource, String summary) {
}
