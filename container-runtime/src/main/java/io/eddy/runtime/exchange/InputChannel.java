package io.eddy.runtime.exchange;

/** A consuming task's end of one channel: the subpartition its input gate reads, local or a remote one's mirror. */
public interface InputChannel extends AutoCloseable {
    ResultSubpartition subpartition();

    /**
     * Asks the producer to finish buffers for this channel once they hold {@code bytes} (buffer
     * debloating). Called by the consuming task's thread.
     */
    void announceBufferSize(int bytes);

    /** Buffers of the channel's own pool that hold data not read yet; 0 for a channel that owns no buffers. */
    int ownBuffersInUse();

    /** The capacity of the channel's own buffer pool; 0 for a local channel, which reads the producer's buffers. */
    int ownBufferCapacity();

    /** Frees what the channel holds; the task calls it when it stops reading. */
    @Override
    void close();
}
