package io.eddy.runtime.cluster;

import io.eddy.runtime.checkpoint.CheckpointOptions;
import io.eddy.runtime.cluster.ClusterMessages.CancelTask;
import io.eddy.runtime.cluster.ClusterMessages.DeployTask;
import io.eddy.runtime.cluster.ClusterMessages.ReleaseJob;
import io.eddy.runtime.cluster.ClusterMessages.TaskStateUpdate;
import io.eddy.runtime.deployment.DataAddress;
import io.eddy.runtime.deployment.ExecutionState;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.deployment.TaskExecutionListener;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.rpc.RpcConnection;
import io.eddy.runtime.logs.ProcessLogs;
import io.eddy.runtime.metrics.MetricDump;
import io.eddy.runtime.taskmanager.TaskManagerQueryGateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TaskManager in another process, as the JobManager sees it: commands go over the connection
 * it registered on; task states and figures come back in messages and heartbeats.
 *
 * <p>Thread-safe.
 */
final class RemoteTaskExecutor implements TaskExecutorGateway, TaskManagerQueryGateway {
    private final String id;
    private final String location;
    private final int slots;
    private final DataAddress dataAddress;
    private final RpcConnection connection;
    private final Map<ExecutionAttemptId, TaskExecutionListener> listeners = new ConcurrentHashMap<>();
    private final Map<ExecutionAttemptId, TaskMetricsSnapshot> metrics = new ConcurrentHashMap<>();
    private volatile long lastHeartbeat = System.currentTimeMillis();
    private volatile boolean lost;

    RemoteTaskExecutor(ClusterMessages.RegisterTaskManager registration, RpcConnection connection) {
        this.id = registration.id();
        this.location = registration.dataAddress() != null ? registration.dataAddress().toString() : connection.peer();
        this.slots = registration.slots();
        this.dataAddress = registration.dataAddress();
        this.connection = connection;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getLocation() {
        return location;
    }

    @Override
    public int getNumberOfSlots() {
        return slots;
    }

    @Override
    public DataAddress getDataAddress() {
        return dataAddress;
    }

    RpcConnection connection() {
        return connection;
    }

    @Override
    public boolean isLost() {
        return lost;
    }

    @Override
    public void submitTask(TaskDeploymentDescriptor deployment, UserCode userCode, TaskExecutionListener listener) {
        ExecutionAttemptId attempt = deployment.attemptId();
        if (userCode.jar() == null) {
            listener.taskStateChanged(attempt, ExecutionState.FAILED, new IllegalStateException("The job has no jar, "
                    + "so TaskManager " + id + " cannot load its classes: submit it with its jar (bin/eddy run)"), null);
            return;
        }
        listeners.put(attempt, listener);
        if (lost) {
            fail(attempt, "it was lost before the task could be deployed");
            return;
        }
        connection.ask(new DeployTask(deployment, userCode.jar().getFileName().toString())).whenComplete((ok, e) -> {
            // over a closed connection the whole TaskManager is lost (JobManagerProcess#lose): its slots are
            // dropped first, then this task fails with its others; failing it here first would let the job
            // redeploy it into the same dead slot, again and again, before the loss is known
            if (e != null && connection.isOpen()) {
                fail(attempt, "deploying the task failed: " + e.getMessage());
            }
        });
    }

    @Override
    public void cancelTask(ExecutionAttemptId attempt) {
        if (lost) {
            fail(attempt, "it was lost");
        } else {
            connection.tell(new CancelTask(attempt));
        }
    }

    @Override
    public void triggerCheckpoint(ExecutionAttemptId attempt, long checkpointId, long timestamp,
            CheckpointOptions options) {
        tell(new ClusterMessages.TriggerCheckpoint(attempt, checkpointId, timestamp, options));
    }

    @Override
    public void notifyCheckpointComplete(ExecutionAttemptId attempt, long checkpointId) {
        tell(new ClusterMessages.NotifyCheckpointComplete(attempt, checkpointId));
    }

    @Override
    public void notifyCheckpointAborted(ExecutionAttemptId attempt, long checkpointId) {
        tell(new ClusterMessages.NotifyCheckpointAborted(attempt, checkpointId));
    }

    @Override
    public void drainTask(ExecutionAttemptId attempt) {
        tell(new ClusterMessages.DrainTask(attempt));
    }

    /** Sends a command that needs no answer; a lost TaskManager's tasks are failed already. */
    private void tell(Object message) {
        if (!lost) {
            connection.tell(message);
        }
    }

    @Override
    public TaskMetricsSnapshot getTaskMetrics(ExecutionAttemptId attempt) {
        return metrics.get(attempt);
    }

    @Override
    public CompletableFuture<MetricDump> queryMetrics() {
        return lost ? CompletableFuture.failedFuture(new TaskManagerLostException("TaskManager " + id + " is lost"))
                : connection.ask(new ClusterMessages.QueryMetrics());
    }

    @Override
    public CompletableFuture<ProcessLogs.Chunk> readLog(ProcessLogs.Kind kind, long maxBytes) {
        return lost ? CompletableFuture.failedFuture(new TaskManagerLostException("TaskManager " + id + " is lost"))
                : connection.ask(new ClusterMessages.ReadLog(kind, maxBytes));
    }

    @Override
    public void releaseJob(String jobId) {
        tell(new ReleaseJob(jobId));
    }

    @Override
    public void releasePartitions(List<ResultPartitionId> partitions) {
        tell(new ClusterMessages.ReleasePartitions(List.copyOf(partitions)));
    }

    void heartbeat(Map<ExecutionAttemptId, TaskMetricsSnapshot> running) {
        lastHeartbeat = System.currentTimeMillis();
        running.forEach((attempt, m) -> {
            if (listeners.containsKey(attempt)) {
                metrics.put(attempt, m);
            }
        });
    }

    long lastHeartbeat() {
        return lastHeartbeat;
    }

    void taskStateChanged(TaskStateUpdate update) {
        TaskExecutionListener listener = listeners.get(update.attempt());
        if (listener == null) {
            return;
        }
        if (update.state().isTerminal()) {
            listeners.remove(update.attempt());
            metrics.remove(update.attempt());
        }
        listener.taskStateChanged(update.attempt(), update.state(),
                update.failure() == null ? null : update.failure().toException(), update.metrics());
    }

    void acknowledgeCheckpoint(ClusterMessages.AcknowledgeCheckpoint ack) {
        TaskExecutionListener listener = listeners.get(ack.attempt());
        if (listener != null) {
            listener.acknowledgeCheckpoint(ack.attempt(), ack.checkpointId(), ack.state(), ack.durations());
        }
    }

    void declineCheckpoint(ClusterMessages.DeclineCheckpoint decline) {
        TaskExecutionListener listener = listeners.get(decline.attempt());
        if (listener != null) {
            listener.declineCheckpoint(decline.attempt(), decline.checkpointId(), decline.reason());
        }
    }

    /** An iteration head's report of a superstep, to the JobMaster of its task; completes with every head's. */
    CompletableFuture<ClusterMessages.SuperstepReports> alignSuperstep(ClusterMessages.AlignSuperstep align) {
        TaskExecutionListener listener = listeners.get(align.attempt());
        if (listener == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Task " + align.attempt()
                    + " is not running on TaskManager " + id));
        }
        return listener.alignSuperstep(align.attempt(), align.superstep(), align.subtask(), align.parties(), align.report())
                .thenApply(reports -> new ClusterMessages.SuperstepReports(new ArrayList<>(reports)));
    }

    /** The TaskManager is gone: every task it ran fails with {@code reason}. */
    void lost(String reason) {
        lost = true;
        for (ExecutionAttemptId attempt : new ArrayList<>(listeners.keySet())) {
            fail(attempt, reason);
        }
        connection.close();
    }

    private void fail(ExecutionAttemptId attempt, String reason) {
        TaskExecutionListener listener = listeners.remove(attempt);
        metrics.remove(attempt);
        if (listener != null) {
            listener.taskStateChanged(attempt, ExecutionState.FAILED,
                    new TaskManagerLostException("TaskManager " + id + " at " + location + " is unusable: " + reason),
                    null);
        }
    }

    List<ExecutionAttemptId> runningAttempts() {
        return List.copyOf(listeners.keySet());
    }
}
