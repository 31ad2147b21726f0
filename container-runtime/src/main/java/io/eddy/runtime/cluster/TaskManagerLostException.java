package io.eddy.runtime.cluster;

/** A task failed because its TaskManager was lost (process died, heartbeats stopped, connection closed). */
public final class TaskManagerLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskManagerLostException(String message) {
        super(message, null, false, false);
    }
}
