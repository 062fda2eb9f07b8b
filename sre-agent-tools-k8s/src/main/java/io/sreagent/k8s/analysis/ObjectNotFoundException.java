package io.sreagent.k8s.analysis;

/** Thrown by {@link ClusterAnalyzer} when the start object does not exist; the message names it. */
public final class ObjectNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ObjectNotFoundException(String message) {
        super(message);
    }
}
