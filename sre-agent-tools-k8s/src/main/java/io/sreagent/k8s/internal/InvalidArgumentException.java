package io.sreagent.k8s.internal;

/** Thrown by argument parsing inside a tool; {@link KubernetesTool} reports it as INVALID_ARGUMENTS. */
public final class InvalidArgumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidArgumentException(String message) {
        super(message);
    }
}
