package io.eddy.runtime.deployment;

import io.eddy.runtime.checkpoint.CheckpointTaskGateway;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.execution.ExecutionAttemptId;

import java.util.List;

/**
 * The JobManager's view of one TaskManager, in this JVM or in another process. Calls do not
 * wait for the task: state changes come back through the {@link TaskExecutionListener}.
 */
public interface TaskExecutorGateway extends CheckpointTaskGateway {
    String getId();

    /** Where it runs, for messages that name it: "in-process" or {@code host:port}. */
    String getLocation();

    int getNumberOfSlots();

    /** Where it serves result partitions to other processes, or null when all its consumers share its JVM. */
    DataAddress getDataAddress();

    /** Starts a subtask; its state changes go to {@code listener}. */
    void submitTask(TaskDeploymentDescriptor deployment, UserCode userCode, TaskExecutionListener listener);

    void cancelTask(ExecutionAttemptId attempt);

    /** The latest figures of a running task, or null if there are none (yet or any more). */
    TaskMetricsSnapshot getTaskMetrics(ExecutionAttemptId attempt);

    /** Frees what a finished or failed job left behind (its result partitions). */
    void releaseJob(String jobId);

    /** Frees these result partitions of a job that goes on (their producers' region restarts). */
    void releasePartitions(List<ResultPartitionId> partitions);

    /**
     * Whether it is known to be gone (its connection closed), possibly before the ResourceManager has
     * told the jobs holding its slots: a task submitted to it fails at once.
     */
    default boolean isLost() {
        return false;
    }
}
