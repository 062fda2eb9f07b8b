package io.sreagent.workflow;

/** Thrown at start when a configuration value is invalid; the message names the key and the reason. */
public final class InvalidConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidConfigurationException(String key, String reason) {
        super("invalid configuration `" + key + "`: " + reason);
        this.key = key;
    }

    /** The offending key, as written in the file or the environment. */
    public String key() {
        return key;
    }
}
