package io.eddy.runtime.exchange;

/**
 * The output of one producing subtask on one exchange: one subpartition per consuming channel and
 * the buffer pool the producer's {@link RecordWriter} fills them from. Registered with the
 * TaskManager's partition registry, so local and remote consumers find it by {@link #getId()}.
 *
 * <p>{@link PipelinedResultPartition} is consumed while it is produced, in memory (streaming
 * exchanges); a {@link BlockingResultPartition} is written completely to disk before its consumers
 * start, and can be read again (batch exchanges).
 *
 * <p>Thread-safe: the producing task writes, consumer threads read, and the TaskManager releases.
 */
public interface ResultPartition {
    ResultPartitionId getId();

    String getJobId();

    int getNumberOfSubpartitions();

    /** The queue towards consuming channel {@code index}, as its producer fills it. */
    ResultSubpartition getSubpartition(int index);

    /**
     * The queue consuming channel {@code index} reads: the subpartition itself when pipelined, a new
     * pass from its start when blocking. The consumer ends it with {@link #closeReader}.
     */
    default ResultSubpartition openReader(int index) {
        return getSubpartition(index);
    }

    /** The consumer of a queue from {@link #openReader} stopped reading (finished, failed or cancelled). */
    default void closeReader(ResultSubpartition reader) {}

    BufferPool getBufferPool();

    /** Frees the partition's data and memory; buffers still being read return to the pool later. */
    void release();
}
