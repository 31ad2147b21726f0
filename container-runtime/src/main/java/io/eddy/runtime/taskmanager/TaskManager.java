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
import io.eddy.runtime.exchange.NetworkBufferPool;
import io.eddy.runtime.exchange.NetworkOptions;
import io.eddy.runtime.exchange.PartitionRegistry;
import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.exchange.netty.ExchangeEnvironment;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.api.metrics.Gauge;
import io.eddy.api.metrics.MetricGroup;
import io.eddy.runtime.logs.ProcessLogs;
import io.eddy.runtime.metrics.MetricDump;
import io.eddy.runtime.metrics.MetricNames;
import io.eddy.runtime.metrics.ScopedMetricGroup;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.tasks.TaskEnvironment;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.io.TaskManagedResources;
import io.eddy.runtime.memory.MemoryManager;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
public final class TaskManager implements TaskExecutorGateway, TaskManagerQueryGateway, AutoCloseable {
    private final String id;
    private final int numberOfSlots;
    private final Configuration config;
    private final ExchangeEnvironment exchange;
    private volatile DataAddress dataAddress;
    private final ScheduledExecutorService timers;
    private final ExecutorService checkpointWriters;
    private final int buffersPerChannel;
    private final int floatingBuffers;
    private final StateBackend stateBackend;
    private final ConcurrentHashMap<ExecutionAttemptId, Task> tasks = new ConcurrentHashMap<>();
    /** Managed memory for batch operators, divided among the slots. */
    private final MemoryManager memoryManager;
    /** Spill files of batch operators, under io.tmp.dirs. */
    private final IOManager ioManager;
    private final ScopedMetricGroup metricGroup;

    /**
     * @param metricGroup this TaskManager's group ({@link ScopedMetricGroup#taskManager}): its slots and
     *     network memory figures, and each subtask's group while it runs (the process adds the JVM's)
     */
    public TaskManager(String id, Configuration config, PartitionRegistry partitionRegistry,
            ScopedMetricGroup metricGroup) {
        this.id = id;
        this.metricGroup = metricGroup;
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
        this.exchange = new ExchangeEnvironment(
                new NetworkBufferPool((int) Math.max(1, memory / segmentSize), (int) segmentSize), partitionRegistry,
                config);
        this.memoryManager = MemoryManager.fromConfiguration(config, numberOfSlots);
        this.ioManager = IOManager.fromConfiguration(config);
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
        registerMetrics();
    }

    private void registerMetrics() {
        NetworkBufferPool pool = exchange.getNetworkBufferPool();
        MetricGroup status = metricGroup.addGroup("Status");
        MetricGroup network = status.addGroup("Network");
        network.gauge(MetricNames.NETWORK_SEGMENTS_TOTAL, (Gauge<Integer>) pool::getTotalSegments);
        network.gauge(MetricNames.NETWORK_SEGMENTS_AVAILABLE, (Gauge<Integer>) pool::getAvailableSegments);
        network.gauge(MetricNames.NETWORK_SEGMENT_SIZE, (Gauge<Integer>) pool::getSegmentSize);
        MetricGroup managed = status.addGroup("Memory").addGroup("Managed");
        managed.gauge(MetricNames.MANAGED_MEMORY_TOTAL, (Gauge<Long>) memoryManager::getTotalBytes);
        managed.gauge(MetricNames.MANAGED_MEMORY_USED, (Gauge<Long>) memoryManager::getUsedBytes);
        managed.gauge(MetricNames.MANAGED_MEMORY_DRAWN, (Gauge<Long>) memoryManager::getDrawnBytes);
        status.gauge("numberOfTaskSlots", (Gauge<Integer>) () -> numberOfSlots);
        status.gauge("numberOfRunningTasks", (Gauge<Integer>) tasks::size);
    }

    public ScopedMetricGroup getMetricGroup() {
        return metricGroup;
    }

    /** This TaskManager's metrics and those of its subtasks, out of the process's registry. */
    public MetricDump dumpMetrics() {
        if (metricGroup.registry() == null) {
            return new MetricDump(List.of()); // a TaskManager whose metrics report nowhere
        }
        return metricGroup.registry().dump(group -> id.equals(group.getAllVariables().get("tm_id")));
    }

    @Override
    public CompletableFuture<MetricDump> queryMetrics() {
        return CompletableFuture.completedFuture(dumpMetrics());
    }

    @Override
    public CompletableFuture<ProcessLogs.Chunk> readLog(ProcessLogs.Kind kind, long maxBytes) {
        try {
            return CompletableFuture.completedFuture(ProcessLogs.tail(kind, maxBytes));
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
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
        return exchange.getNetworkBufferPool();
    }

    /**
     * Starts serving this TaskManager's partitions on {@code taskmanager.data.host} and
     * {@code taskmanager.data.port}; a TaskManager process calls it before it registers, and
     * reports the returned address (under {@code advertisedHost}) so consumers elsewhere can name
     * it in their channels.
     */
    public DataAddress startDataServer(String advertisedHost) throws InterruptedException {
        InetSocketAddress bound = exchange.startServer(config.get(NetworkOptions.DATA_HOST),
                config.get(NetworkOptions.DATA_PORT));
        dataAddress = new DataAddress(advertisedHost, bound.getPort());
        return dataAddress;
    }

    /** Starts a subtask; its state changes go to {@code listener}. */
    @Override
    public void submitTask(TaskDeploymentDescriptor deployment, UserCode userCode, TaskExecutionListener listener) {
        // the subtasks a slot hosts (one of each vertex of a job) share its managed memory
        TaskManagedResources managed = new TaskManagedResources(memoryManager, ioManager, deployment.slotIndex(),
                deployment.taskNameWithSubtask());
        ScopedMetricGroup taskMetrics = metricGroup.task(deployment.jobId(), deployment.jobName(), deployment.vertexId(),
                deployment.vertexName(), deployment.subtaskIndex(), deployment.attemptNumber());
        TaskEnvironment environment = new TaskEnvironment(deployment, userCode.classLoader(), exchange, timers,
                buffersPerChannel, floatingBuffers, checkpointWriters, listener, stateBackend, managed, taskMetrics,
                listener);
        Task task = new Task(environment, listener, () -> {
            tasks.remove(deployment.attemptId());
            taskMetrics.close();
        });
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
        exchange.releaseJob(jobId);
    }

    @Override
    public void releasePartitions(List<ResultPartitionId> partitions) {
        exchange.releasePartitions(partitions);
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
        tasks.values().forEach(task -> exchange.releaseJob(task.jobId()));
    }

    @Override
    public void close() {
        tasks.values().forEach(Task::cancel);
        timers.shutdownNow();
        checkpointWriters.shutdownNow();
        exchange.close();
        memoryManager.shutdown();
        ioManager.shutdown();
    }

    /** Managed memory of this TaskManager (for tests and metrics). */
    public MemoryManager getMemoryManager() {
        return memoryManager;
    }

    public IOManager getIOManager() {
        return ioManager;
    }
}
