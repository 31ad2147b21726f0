package io.eddy.runtime.deployment;

import io.eddy.runtime.checkpoint.CheckpointResponder;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.network.ExecutionAttemptId;

/** Where a TaskManager reports its tasks' state changes and checkpoints: the JobMaster of the task's job. */
public interface TaskExecutionListener extends CheckpointResponder {
    /**
     * @param failure the task's failure when {@code state} is FAILED, else null
     * @param metrics the final figures when {@code state} is terminal, else null
     */
    void taskStateChanged(ExecutionAttemptId attempt, ExecutionState state, Throwable failure,
            TaskMetricsSnapshot metrics);
}
