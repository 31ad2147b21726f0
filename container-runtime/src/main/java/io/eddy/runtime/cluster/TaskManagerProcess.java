package io.eddy.runtime.cluster;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.checkpoint.CheckpointDurations;
import io.eddy.runtime.checkpoint.SubtaskState;
import io.eddy.runtime.cluster.ClusterMessages.Ack;
import io.eddy.runtime.cluster.ClusterMessages.CancelTask;
import io.eddy.runtime.cluster.ClusterMessages.DeployTask;
import io.eddy.runtime.cluster.ClusterMessages.FetchJar;
import io.eddy.runtime.cluster.ClusterMessages.Heartbeat;
import io.eddy.runtime.cluster.ClusterMessages.HeartbeatAck;
import io.eddy.runtime.cluster.ClusterMessages.RegisterTaskManager;
import io.eddy.runtime.cluster.ClusterMessages.ReleaseJob;
import io.eddy.runtime.cluster.ClusterMessages.TaskStateUpdate;
import io.eddy.runtime.config.GlobalConfiguration;
import io.eddy.runtime.deployment.DataAddress;
import io.eddy.runtime.deployment.ExecutionState;
import io.eddy.runtime.deployment.TaskExecutionListener;
import io.eddy.runtime.deployment.UserCode;
import io.eddy.runtime.exchange.PartitionRegistry;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.iteration.alignment.SuperstepId;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.logs.ProcessLogs;
import io.eddy.runtime.metrics.MetricRegistry;
import io.eddy.runtime.metrics.ProcessMetrics;
import io.eddy.runtime.metrics.ScopedMetricGroup;
import io.eddy.runtime.metrics.TaskMetricsSnapshot;
import io.eddy.runtime.metrics.reporters.MetricReporters;
import io.eddy.runtime.execution.ExecutionAttemptId;
import io.eddy.runtime.exchange.PartitionRegistry;
import io.eddy.runtime.rpc.ClusterSecret;
import io.eddy.runtime.rpc.RpcClient;
import io.eddy.runtime.rpc.RpcConnection;
import io.eddy.runtime.rpc.RpcService;
import io.eddy.runtime.taskmanager.TaskManager;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TaskManager of a standalone cluster: registers its slots with the JobManager, runs the tasks
 * it is sent, and heartbeats. When the JobManager stops answering for the heartbeat timeout, it
 * cancels its tasks and keeps trying to register again, each time with the JobManager its
 * {@link JobManagerLocator} names then (a JobManager that was replaced may listen elsewhere).
 *
 * <p>Threading: after {@link #start}, the connection to the JobManager is the heartbeat thread's alone.
 */
public final class TaskManagerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskManagerProcess.class);
    /**
     * How long a head waits for the other heads of its iteration to end a superstep: no bound (a lost
     * JobManager connection or the job's end fails the wait, and a cancelled head stops waiting).
     */
    private static final Duration SUPERSTEP_WAIT = Duration.ofDays(3650);

    private final Configuration config;
    private final String id;
    private final TaskManager taskManager;
    private final MetricRegistry metrics;
    private final Path jarCache;
    private final Map<String, UserCode> jobCode = new ConcurrentHashMap<>();
    private RpcService rpc;
    private final JobManagerLocator locator;
    private RpcClient jobManager;
    /** Where {@link #jobManager} connects to, as the locator named it. */
    private InetSocketAddress jobManagerAddress;
    private Thread heartbeats;
    private volatile boolean running = true;
    private volatile boolean registered;
    private DataAddress dataAddress;

    /**
     * Where the JobManager to register with listens: the configured one (standalone), or one looked up
     * again before each registration (on YARN, a later attempt of the ApplicationMaster listens elsewhere).
     * Called on the heartbeat thread; must not block for long.
     */
    @FunctionalInterface
    public interface JobManagerLocator {
        InetSocketAddress jobManager();

        /** {@code jobmanager.rpc.address} and {@code jobmanager.rpc.port}. */
        static JobManagerLocator configured(Configuration config) {
            InetSocketAddress address = InetSocketAddress.createUnresolved(config.get(ClusterOptions.JOBMANAGER_ADDRESS),
                    config.get(ClusterOptions.JOBMANAGER_PORT));
            return () -> address;
        }
    }

    /** A TaskManager registering with the configured JobManager. */
    public TaskManagerProcess(Configuration config) throws IOException {
        this(config, JobManagerLocator.configured(config));
    }

    public TaskManagerProcess(Configuration config, JobManagerLocator locator) throws IOException {
        this.config = config;
        this.locator = locator;
        String host = config.get(ClusterOptions.TASKMANAGER_HOST);
        this.id = config.getOptional(TaskManagerOptions.RESOURCE_ID)
                .orElse("taskmanager-" + host + "-" + UUID.randomUUID().toString().substring(0, 8));
        this.metrics = MetricReporters.createRegistry(config);
        ScopedMetricGroup metricGroup = ScopedMetricGroup.taskManager(metrics, host, id);
        ProcessMetrics.register(metricGroup);
        this.taskManager = new TaskManager(id, withDefaultSlots(config), new PartitionRegistry(), metricGroup);
        this.jarCache = Files.createTempDirectory("eddy-" + id + "-jars");
    }

    private static Configuration withDefaultSlots(Configuration config) {
        Configuration c = new Configuration(config);
        if (!c.contains(TaskManagerOptions.NUM_TASK_SLOTS)) {
            c.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        }
        return c;
    }

    public String id() {
        return id;
    }

    public boolean isRegistered() {
        return registered;
    }

    /** Tasks currently running here. */
    public int runningTasks() {
        return taskManager.runningTaskMetrics().size();
    }

    public void start() throws IOException, InterruptedException {
        dataAddress = taskManager.startDataServer(config.get(ClusterOptions.TASKMANAGER_HOST));
        rpc = new RpcService(id, config, ClusterSecret.fromConfiguration(config),
                TaskManagerProcess.class.getClassLoader());
        jobManagerAddress = locator.jobManager();
        jobManager = connect(jobManagerAddress);
        heartbeats = new Thread(this::heartbeatLoop, id + "-heartbeat");
        heartbeats.setDaemon(true);
        heartbeats.start();
        LOG.info("TaskManager {} started: {} slots, data port {}, JobManager at {}", id,
                taskManager.getNumberOfSlots(), dataAddress.port(), jobManager.peer());
    }

    /** A client for the JobManager at {@code address}, with the handlers of the JobManager's commands. */
    private RpcClient connect(InetSocketAddress address) {
        return rpc.client(address.getHostString(), address.getPort())
                .register(DeployTask.class, this::deploy)
                .register(CancelTask.class, (cancel, from) -> {
                    taskManager.cancelTask(cancel.attempt());
                    return new Ack();
                })
                .register(ClusterMessages.TriggerCheckpoint.class, (trigger, from) -> {
                    taskManager.triggerCheckpoint(trigger.attempt(), trigger.checkpointId(), trigger.timestamp(),
                            trigger.options());
                    return new Ack();
                })
                .register(ClusterMessages.NotifyCheckpointComplete.class, (complete, from) -> {
                    taskManager.notifyCheckpointComplete(complete.attempt(), complete.checkpointId());
                    return new Ack();
                })
                .register(ClusterMessages.NotifyCheckpointAborted.class, (aborted, from) -> {
                    taskManager.notifyCheckpointAborted(aborted.attempt(), aborted.checkpointId());
                    return new Ack();
                })
                .register(ClusterMessages.DrainTask.class, (drain, from) -> {
                    taskManager.drainTask(drain.attempt());
                    return new Ack();
                })
                .register(ClusterMessages.QueryMetrics.class, (query, from) -> taskManager.dumpMetrics())
                .register(ClusterMessages.ReadLog.class, (read, from) -> ProcessLogs.tail(read.kind(), read.maxBytes()))
                .register(ReleaseJob.class, (release, from) -> {
                    taskManager.releaseJob(release.jobId());
                    return new Ack();
                })
                .register(ClusterMessages.ReleasePartitions.class, (release, from) -> {
                    taskManager.releasePartitions(release.partitions());
                    return new Ack();
                });
    }

    /** Registers, then heartbeats; after the timeout without an answer, gives up its tasks and registers again. */
    private void heartbeatLoop() {
        long interval = config.get(ClusterOptions.HEARTBEAT_INTERVAL).toMillis();
        long timeout = config.get(ClusterOptions.HEARTBEAT_TIMEOUT).toMillis();
        Duration askTimeout = Duration.ofMillis(Math.max(interval, timeout / 2));
        long lastAnswer = System.currentTimeMillis();
        String lastProblem = null;
        while (running) {
            try {
                if (!registered) {
                    InetSocketAddress located = locator.jobManager();
                    if (!located.equals(jobManagerAddress)) {
                        LOG.info("Registering with the JobManager at {}:{} instead of {}", located.getHostString(),
                                located.getPort(), jobManager.peer());
                        jobManager.close();
                        jobManagerAddress = located;
                        jobManager = connect(located);
                    }
                    jobManager.ask(new RegisterTaskManager(id, config.get(ClusterOptions.TASKMANAGER_HOST),
                            taskManager.getNumberOfSlots(), dataAddress), askTimeout).get();
                    registered = true;
                    LOG.info("TaskManager {} registered with the JobManager at {}", id, jobManager.peer());
                } else {
                    HeartbeatAck ack = jobManager.<HeartbeatAck>ask(
                            new Heartbeat(id, taskManager.runningTaskMetrics()), askTimeout).get();
                    if (!ack.known()) {
                        LOG.warn("The JobManager no longer knows this TaskManager: cancelling its tasks, registering again");
                        loseJobManager();
                    }
                }
                lastAnswer = System.currentTimeMillis();
                lastProblem = null;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                String problem = ClusterEntrypoint.describe(e.getCause() != null ? e.getCause() : e);
                if (!problem.equals(lastProblem)) {
                    LOG.warn("JobManager at {} not reachable: {}", jobManager.peer(), problem);
                    lastProblem = problem;
                }
                if (registered && System.currentTimeMillis() - lastAnswer > timeout) {
                    LOG.warn("Lost the JobManager (no answer for {} ms): cancelling all tasks", timeout);
                    loseJobManager();
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void loseJobManager() {
        registered = false;
        taskManager.cancelAllTasks();
    }

    private Ack deploy(DeployTask deploy, RpcConnection from) throws Exception {
        UserCode code = userCode(deploy.jarId(), from);
        TaskExecutionListener listener = new TaskExecutionListener() {
            @Override
            public void taskStateChanged(ExecutionAttemptId attempt, ExecutionState state, Throwable failure,
                    TaskMetricsSnapshot metrics) {
                from.tell(new TaskStateUpdate(attempt, state, FailureInfo.of(failure), metrics));
            }

            @Override
            public void acknowledgeCheckpoint(ExecutionAttemptId attempt, long checkpointId, SubtaskState state,
                    CheckpointDurations durations) {
                from.tell(new ClusterMessages.AcknowledgeCheckpoint(attempt, checkpointId, state, durations));
            }

            @Override
            public void declineCheckpoint(ExecutionAttemptId attempt, long checkpointId, String reason) {
                from.tell(new ClusterMessages.DeclineCheckpoint(attempt, checkpointId, reason));
            }

            @Override
            public CompletableFuture<List<byte[]>> alignSuperstep(ExecutionAttemptId attempt, SuperstepId superstep,
                    int subtask, int parties, byte[] report) {
                // the answer comes when the slowest head ends the superstep, however long that takes
                return from.<ClusterMessages.SuperstepReports>ask(new ClusterMessages.AlignSuperstep(attempt, superstep,
                        subtask, parties, report), SUPERSTEP_WAIT).thenApply(ClusterMessages.SuperstepReports::reports);
            }
        };
        taskManager.submitTask(deploy.deployment(), code, listener);
        return new Ack();
    }

    /** The class loader of a jar, fetched from the JobManager once and kept for later tasks. */
    private UserCode userCode(String jarId, RpcConnection from) throws Exception {
        UserCode cached = jobCode.get(jarId);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = from.<byte[]>ask(new FetchJar(jarId)).get();
        Path jar = jarCache.resolve(jarId);
        Path temp = Files.createTempFile(jarCache, "fetch", ".jar");
        Files.write(temp, bytes);
        Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        UserCode code = new UserCode(new URLClassLoader(new URL[] {jar.toUri().toURL()},
                TaskManagerProcess.class.getClassLoader()), jar);
        UserCode raced = jobCode.putIfAbsent(jarId, code);
        return raced != null ? raced : code;
    }

    /** Where this TaskManager keeps the jars of its jobs, fetched from the JobManager; deleted on close. */
    public Path jarDirectory() {
        return jarCache;
    }

    @Override
    public void close() {
        running = false;
        if (heartbeats != null) {
            heartbeats.interrupt();
        }
        taskManager.close();
        if (rpc != null) {
            rpc.close();
        }
        metrics.close();
        ProcessDirectories.delete(jarCache);
    }

    /** Runs a TaskManager until the process is stopped; configuration from {@code $EDDY_CONF_DIR}. */
    public static void main(String[] args) throws Exception {
        ClusterEntrypoint.run("TaskManager", config -> {
            TaskManagerProcess process = new TaskManagerProcess(config);
            process.start();
            return process;
        });
    }
}
