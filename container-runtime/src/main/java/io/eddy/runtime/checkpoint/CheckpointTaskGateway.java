package io.eddy.runtime.checkpoint;

import io.eddy.runtime.network.ExecutionAttemptId;

/**
 * What the {@link CheckpointCoordinator} asks of the TaskManager that runs a task: the checkpoint part
 * of the JobManager's TaskManager gateway. Calls do not wait for the task: its acknowledgement comes
 * back through the {@link CheckpointResponder}.
 */
public interface CheckpointTaskGateway {
    /**
     * Makes a source task take checkpoint {@code checkpointId} and send its barrier downstream; a
     * task whose input ended takes it without a barrier (its final state). {@code options} say
     * whether it is the final checkpoint, whose completion lets such tasks finish. A task ignores
     * the trigger of a checkpoint it took already.
     */
    void triggerCheckpoint(ExecutionAttemptId attempt, long checkpointId, long timestamp, CheckpointOptions options);

    /** Checkpoint {@code checkpointId} is complete: the task may publish what it held back for it. */
    void notifyCheckpointComplete(ExecutionAttemptId attempt, long checkpointId);

    /** Checkpoint {@code checkpointId} will not complete: a task that stopped for it goes on. */
    void notifyCheckpointAborted(ExecutionAttemptId attempt, long checkpointId);

    /**
     * Makes a source task end its input now, as if it were exhausted (final watermark, end of input
     * in every operator downstream), to stop the job with a drain; its consumers learn it in-band.
     */
    void drainTask(ExecutionAttemptId attempt);
}
