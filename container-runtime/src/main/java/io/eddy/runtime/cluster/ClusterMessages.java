package io.eddy.runtime.cluster;

import io.eddy.runtime.checkpoint.CheckpointDurations;
import io.eddy.runtime.checkpoint.CheckpointOptions;
import io.eddy.runtime.checkpoint.SubtaskState;
import io.eddy.runtime.deployment.DataAddress;
import io.eddy.runtime.deployment.ExecutionState;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.iteration.alignment.SuperstepId;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;

import java.util.List;
import java.util.Map;

/** The RPC messages between a JobManager and its TaskManagers. */
public final class ClusterMessages {
    private ClusterMessages() {}

    /** TaskManager → JobManager, answered by {@link Registered}. */
    public record RegisterTaskManager(String id, String host, int slots, DataAddress dataAddress) {}

    public record Registered(String jobManagerId) {}

    /** TaskManager → JobManager, with the figures of its running tasks; answered by {@link HeartbeatAck}. */
    public record Heartbeat(String taskManagerId, Map<ExecutionAttemptId, TaskMetricsSnapshot> metrics) {}

    /** {@code known} is false when the JobManager does not know the TaskManager (any more): it must register. */
    public record HeartbeatAck(boolean known) {}

    /** TaskManager → JobManager: a task's new state; {@code failure} and {@code metrics} as in TaskExecutionListener. */
    public record TaskStateUpdate(ExecutionAttemptId attempt, ExecutionState state, FailureInfo failure,
            TaskMetricsSnapshot metrics) {}

    /** JobManager → TaskManager: run a subtask; its classes are in the jar {@code jarId}. */
    public record DeployTask(TaskDeploymentDescriptor deployment, String jarId) {}

    public record CancelTask(ExecutionAttemptId attempt) {}

    public record ReleaseJob(String jobId) {}

    /** JobManager → TaskManager: free these result partitions (a restarting region's old results). */
    public record ReleasePartitions(List<ResultPartitionId> partitions) {}

    /**
     * JobManager → TaskManager: a source task (or one whose input ended) takes a checkpoint; the
     * options carry whether it is the final one.
     */
    public record TriggerCheckpoint(ExecutionAttemptId attempt, long checkpointId, long timestamp,
            CheckpointOptions options) {}

    /** JobManager → TaskManager: a checkpoint is complete. */
    public record NotifyCheckpointComplete(ExecutionAttemptId attempt, long checkpointId) {}

    /** JobManager → TaskManager: a checkpoint will not complete. */
    public record NotifyCheckpointAborted(ExecutionAttemptId attempt, long checkpointId) {}

    /** JobManager → TaskManager: a source task ends its input now (stop with drain). */
    public record DrainTask(ExecutionAttemptId attempt) {}

    /** TaskManager → JobManager: a task wrote its part of a checkpoint. */
    public record AcknowledgeCheckpoint(ExecutionAttemptId attempt, long checkpointId, SubtaskState state,
            CheckpointDurations durations) {}

    /** TaskManager → JobManager: a task could not take its part of a checkpoint. */
    public record DeclineCheckpoint(ExecutionAttemptId attempt, long checkpointId, String reason) {}

    /**
     * TaskManager → JobManager: an iteration head's report of a superstep, answered by
     * {@link SuperstepReports} once every head of the iteration reported it.
     */
    public record AlignSuperstep(ExecutionAttemptId attempt, SuperstepId superstep, int subtask, int parties,
            byte[] report) {}

    /** JobManager → TaskManager: every head's report of a superstep, in subtask order. */
    public record SuperstepReports(List<byte[]> reports) {}

    /** TaskManager → JobManager: the bytes of a job's jar, for its class loader. */
    public record FetchJar(String jarId) {}

    /** JobManager → TaskManager: the values of its metrics, answered by a {@link io.eddy.runtime.metrics.MetricDump}. */
    public record QueryMetrics() {}

    /** JobManager → TaskManager: the end of its log or stdout file, answered by a {@link io.eddy.runtime.logs.ProcessLogs.Chunk}. */
    public record ReadLog(io.eddy.runtime.logs.ProcessLogs.Kind kind, long maxBytes) {}

    public record Ack() {}
}
