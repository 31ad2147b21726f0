package io.eddy.api.execution;

/**
 * The program cannot run as written: no sink, a function that is not serializable, a type that
 * cannot be determined, an impossible partitioning. Raised while the job is built, before anything
 * runs; the message names the operator and the fix.
 */
public class InvalidProgramException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidProgramException(String message) {
        super(message);
    }

    public InvalidProgramException(String message, Throwable cause) {
        super(message, cause);
    }
}
