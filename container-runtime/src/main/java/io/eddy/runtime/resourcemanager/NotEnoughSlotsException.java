package io.eddy.runtime.resourcemanager;

/** A job needs more task slots than the cluster has free. */
public final class NotEnoughSlotsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotEnoughSlotsException(String message) {
        super(message);
    }
}
