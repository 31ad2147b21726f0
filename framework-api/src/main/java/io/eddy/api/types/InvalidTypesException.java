package io.eddy.api.types;

/**
 * The type of a stream could not be determined or is not usable as required (for example as a
 * key). The message names the operator and how to declare the type.
 */
public class InvalidTypesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidTypesException(String message) {
        super(message);
    }

    public InvalidTypesException(String message, Throwable cause) {
        super(message, cause);
    }
}
