package io.eddy.runtime.tasks;

/** Unwinds a task thread that was cancelled; not a failure. */
public final class CancelTaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelTaskException() {
        super("The task was cancelled", null, false, false);
    }
}
