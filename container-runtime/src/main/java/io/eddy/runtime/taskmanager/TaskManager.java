package io.eddy.runtime.taskmanager;

import io.eddy.runtime.state.StateBackend;
import io.eddy.runtime.state.StateBackends;
import io.eddy.api.config.Configuration;
import io.eddy.runtime.checkpoint.CheckpointOptions;
import io.eddy.runtime.deployment.DataAddress;
import io.eddy.runtime.deployment.TaskDeploymentDescriptor;
import io.eddy.runtime.deployment.TaskExecutionListener;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.network.ExecutionAttemptId;
import io.eddy.runtime.network.NetworkBufferPool;
import io.eddy.runtime.network.NetworkOptions;
import io.eddy.runtime.network.PartitionRegistry;
import io.eddy.runtime.shuffle.ShuffleEnvironment;
import io.eddy.runtime.tasks.TaskEnvironment;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker: runs the subtasks deployed into its slots, each in its own thread, and owns the
 * resources they share: the data exchange (network memory, partitions, the partition server) and
 * the timer thread. Its partitions are served to other TaskManagers only after
 * {@link #startDataServer}; an embedded cluster exchanges everything in memory and never calls it.
 *
 * <p>Thread-safe.
 */
public final class TaskManager implements TaskExecutorGateway, AutoCloseable {
    private final String id;
    private final int numberOfSlots;
    private final Configuration config;
    private final ShuffleEnvironment shuffle;
    private volatile DataAddress dataAddress;
    private final ScheduledExecutorService timers;
    private final ExecutorService checkpointWriters;
    private final int buffersPerChannel;
    private final int floatingBuffers;
    private final StateBackend stateBackend;
    private final ConcurrentHashMap<ExecutionAttemptId, Task> tasks = new ConcurrentHashMap<>();

    public TaskManager(String id, Configuration config, PartitionRegistry partitionRegistry) {
        this.id = id;
        this.config = config;
        this.numberOfSlots = config.get(TaskManagerOptions.NUM_TASK_SLOTS);
        if (numberOfSlots < 1) {
            throw new IllegalArgumentException(TaskManagerOptions.NUM_TASK_SLOTS.key() + " must be at least 1");
        }
        this.stateBackend = StateBackends.fromConfiguration(config);
        long segmentSize = config.get(NetworkOptions.BUFFER_SIZE).getBytes();
        long memory = config.get(NetworkOptions.NETWORK_MEMORY).getBytes();
        if (segmentSize > Integer.MAX_VALUE || memory / segmentSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Network memory settings out of range");
        }
        this.shuffle = new ShuffleEnvironment(
                new NetworkBufferPool((int) Math.max(1, memory / segmentSize), (int) segmentSize), partitionRegistry,
                config);
        this.buffersPerChannel = config.get(NetworkOptions.BUFFERS_PER_CHANNEL);
        this.floatingBuffers = config.get(NetworkOptions.FLOATING_BUFFERS);
        AtomicInteger threads = new AtomicInteger();
        this.checkpointWriters = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, id + "-checkpoint-writer-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, id + "-timer-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public DataAddress getDataAddress() {
        return dataAddress;
    }

    @Override
    public String getLocation() {
        return "in-process";
    }

    @Override
    public int getNumberOfSlots() {
        return numberOfSlots;
    }

    public NetworkBufferPool getNetworkBufferPool() {
        return shuffle.getNetworkBufferPool();
    }

    /**
     * Starts serving this TaskManager's partitions on {@code taskmanager.data.host} and
     * {@code taskmanager.data.port}; a TaskManager process calls it before it registers, and
     * reports the returned address (under {@code advertisedHost}) so consumers elsewhere can name
     * it in their channels.
     */
    public DataAddress startDataServer(String advertisedHost) throws InterruptedException {
        InetSocketAddress bound = shuffle.startServer(config.get(NetworkOptions.DATA_HOST),
                config.get(NetworkOptions.DATA_PORT));
        dataAddress = new DataAddress(advertisedHost, bound.getPort());
        return dataAddress;
    }

    /** Starts a subtask; its state changes go to {@code listener}. */
    @Override
    public void submitTask(TaskDeploymentDescriptor deployment, UserCode userCode, TaskExecutionListener listener) {
        TaskEnvironment environment = new TaskEnvironment(deployment, userCode.classLoader(), shuffle, timers,
                buffersPerChannel, floatingBuffers, checkpointWriters, listener, stateBackend);
        Task task = new Task(environment, listener, () -> tasks.remove(deployment.attemptId()));
        tasks.put(deployment.attemptId(), task);
        task.start();
    }

    @Override
    public void cancelTask(ExecutionAttemptId attempt) {
        Task task = tasks.get(attempt);
        if (task != null) {
            task.cancel();
        }
    }

    @Override
    public void triggerCheckpoint(ExecutionAttemptId attempt, long checkpointId, long timestamp,
            CheckpointOptions options) {
        Task task = tasks.get(attempt);
        if (task != null) {
            task.streamTask().triggerCheckpoint(checkpointId, timestamp, options);
        }
    }

    @Override
    public void notifyCheckpointComplete(ExecutionAttemptId attempt, long checkpointId) {
        Task task = tasks.get(attempt);
        if (task != null) {
            task.streamTask().notifyCheckpointComplete(checkpointId);
        }
    }

    @Override
    public void notifyCheckpointAborted(ExecutionAttemptId attempt, long checkpointId) {
        Task task = tasks.get(attempt);
        if (task != null) {
            task.streamTask().notifyCheckpointAborted(checkpointId);
        }
    }

    @Override
    public void drainTask(ExecutionAttemptId attempt) {
        Task task = tasks.get(attempt);
        if (task != null) {
            task.streamTask().drain();
        }
    }

    /** Live figures of a running task, or null once it ended (its final figures went to the listener). */
    @Override
    public TaskMetricsSnapshot getTaskMetrics(ExecutionAttemptId attempt) {
        Task task = tasks.get(attempt);
        return task == null ? null : task.metrics();
    }

    /** Frees the partitions a finished or failed job left behind. */
    @Override
    public void releaseJob(String jobId) {
        shuffle.releaseJob(jobId);
    }

    /** The current figures of every running task. */
    public Map<ExecutionAttemptId, TaskMetricsSnapshot> runningTaskMetrics() {
        Map<ExecutionAttemptId, TaskMetricsSnapshot> metrics = new HashMap<>();
        tasks.forEach((attempt, task) -> metrics.put(attempt, task.metrics()));
        return metrics;
    }

    /** Cancels every task, e.g. when the JobManager is lost; their partitions are released. */
    public void cancelAllTasks() {
        tasks.values().forEach(Task::cancel);
        tasks.values().forEach(task -> shuffle.releaseJob(task.jobId()));
    }

    @Override
    public void close() {
        tasks.values().forEach(Task::cancel);
        timers.shutdownNow();
        checkpointWriters.shutdownNow();
        shuffle.close();
    }
}
