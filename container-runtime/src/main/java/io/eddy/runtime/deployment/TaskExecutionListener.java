package io.eddy.runtime.deployment;

import io.eddy.runtime.checkpoint.CheckpointResponder;
import io.eddy.runtime.deployment.ExecutionState;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.iteration.alignment.SuperstepAlignment;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;

/**
 * Where a TaskManager reports its tasks' state changes and checkpoints, and where the heads of an
 * iteration align their supersteps: the JobMaster of the task's job.
 */
public interface TaskExecutionListener extends CheckpointResponder, SuperstepAlignment {
    /**
     * @param failure the task's failure when {@code state} is FAILED, else null
     * @param metrics the final figures when {@code state} is terminal, else null
     */
    void taskStateChanged(ExecutionAttemptId attempt, ExecutionState state, Throwable failure,
            TaskMetricsSnapshot metrics);
}
