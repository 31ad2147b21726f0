package io.eddy.client.cli;

/** The program could not be run or failed: exit code 1, with the cause shown under {@code --verbose}. */
final class ProgramException extends Exception {
    private static final long serialVersionUID = 1L;

    ProgramException(String message, Throwable cause) {
        super(message, cause);
    }
}
