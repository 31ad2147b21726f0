package io.eddy.runtime.checkpoint;

import io.eddy.runtime.execution.ExecutionAttemptId;

/** Where a task reports the outcome of its part of a checkpoint: the job's checkpoint coordinator. */
public interface CheckpointResponder {
    /** The subtask's state of checkpoint {@code checkpointId} is written. */
    void acknowledgeCheckpoint(ExecutionAttemptId attempt, long checkpointId, SubtaskState state,
            CheckpointDurations durations);

    /** The subtask could not take its part of the checkpoint; the checkpoint fails. */
    void declineCheckpoint(ExecutionAttemptId attempt, long checkpointId, String reason);
}
