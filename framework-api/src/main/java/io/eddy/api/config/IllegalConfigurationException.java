package io.eddy.api.config;

/** A configuration value is missing or malformed; the message names the key and what to write. */
public class IllegalConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IllegalConfigurationException(String message) {
        super(message);
    }

    public IllegalConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
