package io.eddy.runtime.exchange;

/**
 * The output of one producing subtask on one exchange: one subpartition per consuming channel
 * and the buffer pool they draw from.
 */
public final class ResultPartition {
    private final ResultPartitionId id;
    private final String jobId;
    private final ResultSubpartition[] subpartitions;
    private final BufferPool pool;

    public ResultPartition(ResultPartitionId id, String jobId, int numSubpartitions, BufferPool pool) {
        this.id = id;
        this.jobId = jobId;
        this.pool = pool;
        this.subpartitions = new ResultSubpartition[numSubpartitions];
        for (int i = 0; i < numSubpartitions; i++) {
            subpartitions[i] = new ResultSubpartition();
        }
    }

    public ResultPartitionId getId() {
        return id;
    }

    public String getJobId() {
        return jobId;
    }

    public int getNumberOfSubpartitions() {
        return subpartitions.length;
    }

    public ResultSubpartition getSubpartition(int index) {
        return subpartitions[index];
    }

    public BufferPool getBufferPool() {
        return pool;
    }

    /** Frees queued buffers and the pool's reservation; buffers being read return to the global pool later. */
    public void release() {
        for (ResultSubpartition s : subpartitions) {
            s.release();
        }
        pool.destroy();
    }
}
