package io.eddy.runtime.exchange;

/** A task's exchanges need more network buffers than the TaskManager has left. */
public final class InsufficientNetworkMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InsufficientNetworkMemoryException(String owner, int needed, int available, int total, int segmentSize) {
        super("Insufficient network memory for " + owner + ": it needs " + needed + " buffers of "
                + (segmentSize / 1024) + " KiB but only " + available + " of " + total + " are free on this "
                + "TaskManager. Raise '" + NetworkOptions.NETWORK_MEMORY.key() + "' (now "
                + ((long) total * segmentSize >> 20) + " MiB), or lower the parallelism or '"
                + NetworkOptions.BUFFERS_PER_CHANNEL.key() + "'.");
    }
}
