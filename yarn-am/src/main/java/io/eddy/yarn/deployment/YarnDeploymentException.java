package io.eddy.yarn.deployment;

/** A deployment that cannot go on, with the one line that tells the user what is wrong and what to do. */
public final class YarnDeploymentException extends Exception {
    private static final long serialVersionUID = 1L;

    public YarnDeploymentException(String message) {
        super(message);
    }

    public YarnDeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
