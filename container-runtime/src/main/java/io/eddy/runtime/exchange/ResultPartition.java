package io.eddy.runtime.exchange;

/**
 * The output of one producing subtask on one exchange: one subpartition per consuming channel and
 * the buffer pool the producer's {@link RecordWriter} fills them from. Registered with the
 * TaskManager's partition registry, so local and remote consumers find it by {@link #getId()}.
 *
 * <p>{@link PipelinedResultPartition} is consumed while it is produced, in memory (streaming
 * exchanges); a blocking partition that is written completely, spilling to disk, before its
 * consumers start (batch exchanges) is the other kind to come.
 *
 * <p>Thread-safe: the producing task writes, consumer threads read, and the TaskManager releases.
 */
public interface ResultPartition {
    ResultPartitionId getId();

    String getJobId();

    int getNumberOfSubpartitions();

    /** The queue towards consuming channel {@code index}. */
    ResultSubpartition getSubpartition(int index);

    BufferPool getBufferPool();

    /** Frees the partition's data and memory; buffers still being read return to the pool later. */
    void release();
}
