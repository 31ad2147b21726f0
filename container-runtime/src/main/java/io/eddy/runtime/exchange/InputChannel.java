package io.eddy.runtime.exchange;

/** A consuming task's end of one channel: the subpartition its input gate reads, local or a remote one's mirror. */
public interface InputChannel extends AutoCloseable {
    ResultSubpartition subpartition();

    /**
     * Asks the producer to finish buffers for this channel once they hold {@code bytes} (buffer
     * debloating). Called by the consuming task's thread.
     */
    void announceBufferSize(int bytes);

    /** Frees what the channel holds; the task calls it when it stops reading. */
    @Override
    void close();
}
