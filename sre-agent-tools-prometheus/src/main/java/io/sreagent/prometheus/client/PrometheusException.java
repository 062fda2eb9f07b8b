package io.sreagent.prometheus.client;

/**
 * A Prometheus call that failed, typed so a caller can tell a bad query from a server that is down.
 */
public final class PrometheusException extends Exception {

    /** Classes of failure. */
    public enum Kind {
        /** Prometheus rejected the query or its parameters ({@code bad_data}, {@code execution}). */
        BAD_QUERY,
        /** Prometheus could not be reached or answered 5xx. */
        UNAVAILABLE,
        /** The call did not finish within the configured timeout (or Prometheus reported {@code timeout}). */
        TIMEOUT,
        /** Prometheus refused the credentials (401/403). */
        FORBIDDEN,
        /** The URL does not serve the Prometheus API (404). */
        NOT_FOUND,
        /** The answer was not the JSON the API documents. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final int httpStatus;
    private final String errorType;

    /** A failure of {@code kind}; {@code httpStatus} 0 when no answer came, {@code errorType} from the body or null. */
    public PrometheusException(Kind kind, int httpStatus, String errorType, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.errorType = errorType;
    }

    /** The class of failure. */
    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Prometheus' {@code errorType} ({@code bad_data}, {@code execution}, {@code timeout}, ...), or null. */
    public String errorType() {
        return errorType;
    }
}
