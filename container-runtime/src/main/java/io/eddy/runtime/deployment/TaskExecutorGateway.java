package io.eddy.runtime.deployment;

import io.eddy.runtime.checkpoint.CheckpointOptions;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.network.ExecutionAttemptId;

/**
 * The JobManager's view of one TaskManager, in this JVM or in another process. Calls do not
 * wait for the task: state changes come back through the {@link TaskExecutionListener}.
 */
public interface TaskExecutorGateway {
    String getId();

    /** Where it runs, for messages that name it: "in-process" or {@code host:port}. */
    String getLocation();

    int getNumberOfSlots();

    /** Where it serves result partitions to other processes, or null when all its consumers share its JVM. */
    DataAddress getDataAddress();

    /** Starts a subtask; its state changes go to {@code listener}. */
    void submitTask(TaskDeploymentDescriptor deployment, UserCode userCode, TaskExecutionListener listener);

    void cancelTask(ExecutionAttemptId attempt);

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

    /** The latest figures of a running task, or null if there are none (yet or any more). */
    TaskMetricsSnapshot getTaskMetrics(ExecutionAttemptId attempt);

    /** Frees what a finished or failed job left behind (its result partitions). */
    void releaseJob(String jobId);
}
