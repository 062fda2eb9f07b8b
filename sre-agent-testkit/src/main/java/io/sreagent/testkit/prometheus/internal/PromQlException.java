package io.sreagent.testkit.prometheus.internal;

/**
 * A query the embedded Prometheus cannot answer: a syntax error, an invalid argument, or PromQL outside the supported
 * subset (served as {@code errorType bad_data}, HTTP 400), or a query that fails while evaluating, such as ambiguous
 * vector matching (served as {@code errorType execution}, HTTP 422, as Prometheus does). Never a wrong number.
 */
public final class PromQlException extends RuntimeException {

    private final boolean execution;

    /** A bad_data error. @param message what is wrong with the query, including the offending text where known */
    public PromQlException(String message) {
        this(message, false);
    }

    private PromQlException(String message, boolean execution) {
        super(message);
        this.execution = execution;
    }

    /** An execution error: the query is valid but its evaluation fails on this data. */
    public static PromQlException execution(String message) {
        return new PromQlException(message, true);
    }

    /** Whether this is an execution error (HTTP 422) rather than bad data (HTTP 400). */
    public boolean isExecution() {
        return execution;
    }
}
