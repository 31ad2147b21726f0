package io.eddy.client.cli;

/** The command line itself is wrong (unknown flag, missing argument, missing jar): exit code 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
