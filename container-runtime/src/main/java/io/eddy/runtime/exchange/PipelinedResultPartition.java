package io.eddy.runtime.exchange;

/**
 * A {@link ResultPartition} consumed while it is produced, in memory: each subpartition is a
 * bounded queue of buffers (bounded by the pool), read by its consumer as the producer adds to it.
 */
public final class PipelinedResultPartition implements ResultPartition {
    private final ResultPartitionId id;
    private final String jobId;
    private final ResultSubpartition[] subpartitions;
    private final BufferPool pool;

    public PipelinedResultPartition(ResultPartitionId id, String jobId, int numSubpartitions, BufferPool pool) {
        this.id = id;
        this.jobId = jobId;
        this.pool = pool;
        this.subpartitions = new ResultSubpartition[numSubpartitions];
        for (int i = 0; i < numSubpartitions; i++) {
            subpartitions[i] = new ResultSubpartition();
        }
    }

    @Override
    public ResultPartitionId getId() {
        return id;
    }

    @Override
    public String getJobId() {
        return jobId;
    }

    @Override
    public int getNumberOfSubpartitions() {
        return subpartitions.length;
    }

    @Override
    public ResultSubpartition getSubpartition(int index) {
        return subpartitions[index];
    }

    @Override
    public BufferPool getBufferPool() {
        return pool;
    }

    /** Frees queued buffers and the pool's reservation; buffers being read return to the global pool later. */
    @Override
    public void release() {
        for (ResultSubpartition s : subpartitions) {
            s.release();
        }
        pool.destroy();
    }
}
