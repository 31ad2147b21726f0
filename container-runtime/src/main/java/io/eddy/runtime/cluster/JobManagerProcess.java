package io.eddy.runtime.cluster;

import io.eddy.api.config.Configuration;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.execution.JobId;
import io.eddy.api.execution.JobStatus;
import io.eddy.runtime.cluster.ClusterMessages.Ack;
import io.eddy.runtime.cluster.ClusterMessages.FetchJar;
import io.eddy.runtime.cluster.ClusterMessages.Heartbeat;
import io.eddy.runtime.cluster.ClusterMessages.HeartbeatAck;
import io.eddy.runtime.cluster.ClusterMessages.RegisterTaskManager;
import io.eddy.runtime.cluster.ClusterMessages.Registered;
import io.eddy.runtime.cluster.ClusterMessages.TaskStateUpdate;
import io.eddy.runtime.config.GlobalConfiguration;
import io.eddy.runtime.jobmanager.JobGraphStore;
import io.eddy.runtime.jobmanager.JobManager;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.resourcemanager.ResourceManager;
import io.eddy.runtime.resourcemanager.ResourceManagerDriver;
import io.eddy.runtime.resourcemanager.ResourceManagerDriver.ApplicationStatus;
import io.eddy.runtime.resourcemanager.StandaloneResourceManagerDriver;
import io.eddy.runtime.metrics.MetricRegistry;
import io.eddy.runtime.metrics.ProcessMetrics;
import io.eddy.runtime.metrics.ScopedMetricGroup;
import io.eddy.runtime.metrics.reporters.MetricReporters;
import io.eddy.runtime.rest.JobManagerRestApi;
import io.eddy.runtime.rest.ObservabilityRestApi;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.runtime.rest.RestServer;
import io.eddy.runtime.rpc.ClusterSecret;
import io.eddy.runtime.rpc.RpcConnection;
import io.eddy.runtime.rpc.RpcException;
import io.eddy.runtime.rpc.RpcServer;
import io.eddy.runtime.rpc.RpcService;
import io.eddy.runtime.webui.WebDashboard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A JobManager process: accepts TaskManagers over RPC and watches their heartbeats, runs jobs on
 * their slots, and serves the REST API and the web dashboard; its metrics go to the reporters of
 * {@code metrics.reporters}. Its {@link ResourceManager} gets workers through a
 * {@link ResourceManagerDriver}: standalone (TaskManagers start on their own) unless a cluster entry
 * point (the YARN ApplicationMaster) passes its own.
 *
 * <p>Ending: a session cluster runs until {@link #close()} (the process is stopped), which leaves the
 * application registered so that the platform may start it again. A per-job cluster calls
 * {@link #shutDownAfterJobs}: when its jobs end, the driver deregisters the application with the
 * jobs' final status, the process closes and {@link #terminationFuture()} completes.
 * {@link #shutDownCluster} ends the cluster like that at any time. A cluster entry point's cleanup
 * (YARN: deleting the application's staging directory) runs before the deregistration, since the
 * platform reports the application finished as soon as it is deregistered.
 *
 * <p>Recovery: with a {@link JobGraphStore}, {@link #start()} recovers the jobs a previous process of
 * the same cluster left running (it died, or was closed without ending the cluster), each from its
 * latest completed checkpoint, before it reports itself started.
 */
public final class JobManagerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobManagerProcess.class);
    private static final Pattern JAR_ID = Pattern.compile("[\\w.-]+\\.jar");

    private final Configuration config;
    private final String id = UUID.randomUUID().toString();
    private final MetricRegistry metrics;
    private final ResourceManager resourceManager;
    private final JobManager jobManager;
    private final CompletableFuture<ApplicationStatus> termination = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<RpcConnection, RemoteTaskExecutor> byConnection = new ConcurrentHashMap<>();
    private final Path jarDirectory;
    private final Runnable beforeDeregistration;
    private final JobGraphStore jobGraphStore;
    private RpcService rpc;
    private RpcServer rpcServer;
    private RestServer rest;
    private ScheduledExecutorService monitor;

    /** A standalone JobManager: TaskManagers start on their own and register. */
    public JobManagerProcess(Configuration config) throws IOException {
        this(config, new StandaloneResourceManagerDriver());
    }

    /** A JobManager whose workers come from {@code driver}, with nothing to clean up at the cluster's end. */
    public JobManagerProcess(Configuration config, ResourceManagerDriver driver) throws IOException {
        this(config, driver, () -> {});
    }

    /**
     * A JobManager whose ResourceManager starts workers through {@code driver}; the driver is
     * initialized by {@link #start()} once RPC and REST listen, when {@code config} holds their bound
     * ports ({@code jobmanager.rpc.port}, {@code rest.port}) for the workers it starts. It is closed with
     * this process. When the driver reports an error it cannot recover from, the cluster ends FAILED
     * ({@link #shutDownCluster}).
     *
     * @param beforeDeregistration run by {@link #shutDownCluster} before the driver deregisters the
     *     application: what must be gone once the platform reports it finished (never while a session
     *     is merely stopped, when the platform may start the application again)
     */
    public JobManagerProcess(Configuration config, ResourceManagerDriver driver, Runnable beforeDeregistration)
            throws IOException {
        this(config, driver, JobGraphStore.NONE, beforeDeregistration);
    }

    /**
     * As {@link #JobManagerProcess(Configuration, ResourceManagerDriver, Runnable)}, keeping the jobs in
     * {@code jobGraphStore} from their submission until they end, and recovering those it holds at the start.
     */
    public JobManagerProcess(Configuration config, ResourceManagerDriver driver, JobGraphStore jobGraphStore,
            Runnable beforeDeregistration) throws IOException {
        this.config = config;
        this.beforeDeregistration = beforeDeregistration;
        this.jobGraphStore = jobGraphStore;
        this.metrics = MetricReporters.createRegistry(config);
        ScopedMetricGroup metricGroup = ScopedMetricGroup.jobManager(metrics, config.get(ClusterOptions.JOBMANAGER_ADDRESS));
        ProcessMetrics.register(metricGroup);
        metricGroup.addGroup("Status").gauge("numRegisteredTaskManagers",
                (io.eddy.api.metrics.Gauge<Integer>) () -> byConnection.size());
        this.resourceManager = new ResourceManager(config, driver, cause -> shutDownCluster(ApplicationStatus.FAILED,
                "The ResourceManager driver failed: " + ClusterEntrypoint.describe(cause)));
        this.jobManager = new JobManager(resourceManager, metricGroup, jobGraphStore);
        this.jarDirectory = Files.createTempDirectory("eddy-jobmanager-jars");
    }

    /** Starts RPC and REST; returns once both listen. */
    public void start() throws Exception {
        rpc = new RpcService("jobmanager", config, ClusterSecret.fromConfiguration(config),
                JobManagerProcess.class.getClassLoader());
        try {
            rpcServer = rpc.startServer("0.0.0.0", config.get(ClusterOptions.JOBMANAGER_PORT));
        } catch (RpcException e) {
            throw new IOException("RPC " + e.getMessage() + "; change " + ClusterOptions.JOBMANAGER_PORT.key(), e);
        }
        rpcServer
                .register(RegisterTaskManager.class, this::register)
                .register(Heartbeat.class, this::heartbeat)
                .register(TaskStateUpdate.class, (update, from) -> {
                    RemoteTaskExecutor tm = byConnection.get(from);
                    if (tm != null) {
                        tm.taskStateChanged(update);
                    }
                    return new Ack();
                })
                .register(ClusterMessages.AcknowledgeCheckpoint.class, (ack, from) -> {
                    RemoteTaskExecutor tm = byConnection.get(from);
                    if (tm != null) {
                        tm.acknowledgeCheckpoint(ack);
                    }
                    return new Ack();
                })
                .register(ClusterMessages.DeclineCheckpoint.class, (decline, from) -> {
                    RemoteTaskExecutor tm = byConnection.get(from);
                    if (tm != null) {
                        tm.declineCheckpoint(decline);
                    }
                    return new Ack();
                })
                .register(ClusterMessages.AlignSuperstep.class, (align, from) -> {
                    RemoteTaskExecutor tm = byConnection.get(from);
                    if (tm == null) {
                        throw new IllegalStateException("The TaskManager at " + from.peer() + " is not registered");
                    }
                    return tm.alignSuperstep(align);
                })
                .register(FetchJar.class, (fetch, from) -> jar(fetch.jarId()));
        rest = new JobManagerRestApi(jobManager, jarDirectory).install(
                new RestServer((int) Math.min(Integer.MAX_VALUE, config.get(RestOptions.MAX_UPLOAD).getBytes())));
        new ObservabilityRestApi(jobManager, config).install(rest);
        new WebDashboard().install(rest);
        // a client stops a session (yarn-session.sh --stop): the application ends SUCCEEDED
        rest.route("POST", "/cluster/shutdown", request -> {
            shutDownCluster(ApplicationStatus.SUCCEEDED, "Stopped by the client");
            return Map.of("status", "shutting down");
        });
        String restHost = config.get(RestOptions.BIND_ADDRESS);
        int restPort = config.get(RestOptions.PORT);
        try {
            rest.start(restHost, restPort);
        } catch (Exception e) {
            // Netty's bind error names neither address nor port
            throw new IOException("REST API cannot listen on " + restHost + ":" + restPort + " ("
                    + ClusterEntrypoint.describe(e) + "); change " + RestOptions.PORT.key(), e);
        }
        long interval = config.get(ClusterOptions.HEARTBEAT_INTERVAL).toMillis();
        monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jobmanager-heartbeat-monitor");
            t.setDaemon(true);
            return t;
        });
        monitor.scheduleWithFixedDelay(this::checkHeartbeats, interval, interval, TimeUnit.MILLISECONDS);
        // a driver sharing this configuration tells the workers it starts where to register
        config.set(ClusterOptions.JOBMANAGER_PORT, rpcPort());
        config.set(RestOptions.PORT, restPort());
        resourceManager.start();
        for (JobGraphStore.StoredJob stored : jobGraphStore.recover(jarDirectory)) {
            LOG.info("Recovering job '{}' ({}) of a previous JobManager", stored.job().getName(), stored.job().getJobId());
            jobManager.recover(stored.job(), stored.userCode());
        }
        LOG.info("JobManager {} started: RPC on port {}, REST on port {}", id, rpcPort(), restPort());
    }

    public int rpcPort() {
        return rpcServer.getAddress().getPort();
    }

    public int restPort() {
        return rest.address().getPort();
    }

    public JobManager jobManager() {
        return jobManager;
    }

    /** Where the jars of this JobManager's jobs are kept: TaskManagers fetch a job's jar from here by its file name. */
    public Path jarDirectory() {
        return jarDirectory;
    }

    /**
     * Per-job and application mode: when the jobs {@code jobIds} (submitted already) have all ended, the
     * cluster ends with the worst of their final statuses (FAILED before KILLED, from a cancelled job,
     * before SUCCEEDED) and each job's outcome, in the given order, as diagnostics.
     */
    public void shutDownAfterJobs(List<JobId> jobIds) {
        List<CompletableFuture<JobOutcome>> outcomes = new ArrayList<>();
        for (JobId jobId : jobIds) {
            JobMaster job = jobManager.getJob(jobId);
            if (job == null) {
                throw new IllegalArgumentException("No job " + jobId + " on this JobManager: submit it first");
            }
            outcomes.add(job.getResultFuture().handle((result, failure) -> JobOutcome.of(job, failure)));
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenRun(() -> {
            List<JobOutcome> ended = outcomes.stream().map(CompletableFuture::join).toList();
            ApplicationStatus status = ended.stream().map(JobOutcome::status)
                    .min(java.util.Comparator.comparingInt(JobManagerProcess::severityRank))
                    .orElse(ApplicationStatus.SUCCEEDED);
            shutDownCluster(status, String.join("; ", ended.stream().map(JobOutcome::diagnostics).toList()));
        });
    }

    private static int severityRank(ApplicationStatus status) {
        return switch (status) {
            case FAILED -> 0;
            case KILLED -> 1;
            case UNKNOWN -> 2;
            case SUCCEEDED -> 3;
        };
    }

    /** How one job ended, as a YARN-like final status and one line. */
    private record JobOutcome(ApplicationStatus status, String diagnostics) {
        static JobOutcome of(JobMaster job, Throwable failure) {
            String name = "Job '" + job.getJobGraph().getName() + "' (" + job.getJobGraph().getJobId() + ")";
            if (failure == null) {
                return new JobOutcome(ApplicationStatus.SUCCEEDED, name + " finished");
            }
            // the result fails with the job's JobExecutionException, whose message names the job and its cause
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            boolean canceled = cause instanceof JobExecutionException e && e.getStatus() == JobStatus.CANCELED;
            return new JobOutcome(canceled ? ApplicationStatus.KILLED : ApplicationStatus.FAILED, cause.getMessage());
        }
    }

    /**
     * Ends the cluster: the cleanup given at construction runs, the driver deregisters the application
     * with {@code status} and {@code diagnostics}, then this process closes; the returned future (the
     * same as {@link #terminationFuture()}) completes with {@code status} after that.
     */
    public CompletableFuture<ApplicationStatus> shutDownCluster(ApplicationStatus status, String diagnostics) {
        LOG.info("The cluster ends ({}): {}", status, diagnostics);
        CompletableFuture.runAsync(beforeDeregistration).exceptionally(failure -> {
            LOG.warn("The cleanup before deregistering the application failed", failure);
            return null;
        }).thenCompose(cleaned -> resourceManager.deregisterApplication(status, diagnostics)).whenCompleteAsync((done, failure) -> {
            if (failure != null) {
                LOG.warn("Deregistering the application failed", failure);
            }
            close();
            termination.complete(status);
        });
        return termination;
    }

    /** Completes with the final status once {@link #shutDownCluster} (or a per-job end) closed this process. */
    public CompletableFuture<ApplicationStatus> terminationFuture() {
        return termination;
    }

    private Registered register(RegisterTaskManager registration, RpcConnection from) {
        RemoteTaskExecutor tm = new RemoteTaskExecutor(registration, from);
        byConnection.put(from, tm);
        jobManager.registerTaskManager(tm);
        from.closeFuture().whenComplete((v, e) -> lose(tm, "its connection closed"));
        LOG.info("TaskManager {} at {} registered with {} slots", tm.getId(), tm.getLocation(), tm.getNumberOfSlots());
        return new Registered(id);
    }

    private HeartbeatAck heartbeat(Heartbeat heartbeat, RpcConnection from) {
        RemoteTaskExecutor tm = byConnection.get(from);
        if (tm == null) {
            return new HeartbeatAck(false);
        }
        tm.heartbeat(heartbeat.metrics());
        return new HeartbeatAck(true);
    }

    private void checkHeartbeats() {
        long timeout = config.get(ClusterOptions.HEARTBEAT_TIMEOUT).toMillis();
        long now = System.currentTimeMillis();
        for (RemoteTaskExecutor tm : byConnection.values()) {
            if (now - tm.lastHeartbeat() > timeout) {
                lose(tm, "no heartbeat for " + (now - tm.lastHeartbeat()) / 1000 + " s");
            }
        }
    }

    private void lose(RemoteTaskExecutor tm, String reason) {
        if (byConnection.remove(tm.connection()) == null) {
            return;
        }
        LOG.warn("TaskManager {} at {} lost: {}", tm.getId(), tm.getLocation(), reason);
        jobManager.unregisterTaskManager(tm, "lost (" + reason + ")");
        tm.lost("lost (" + reason + ")");
    }

    private byte[] jar(String jarId) throws IOException {
        if (!JAR_ID.matcher(jarId).matches()) {
            throw new IllegalArgumentException("Not a jar id: " + jarId);
        }
        return Files.readAllBytes(jarDirectory.resolve(jarId));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (monitor != null) {
            monitor.shutdownNow();
        }
        jobManager.close();
        if (rest != null) {
            rest.close();
        }
        if (rpc != null) {
            rpc.close();
        }
        resourceManager.close();
        metrics.close();
        ProcessDirectories.delete(jarDirectory);
    }

    /** Runs a JobManager until the process is stopped; configuration from {@code $EDDY_CONF_DIR}. */
    public static void main(String[] args) throws Exception {
        ClusterEntrypoint.run("JobManager", config -> {
            JobManagerProcess process = new JobManagerProcess(config);
            process.start();
            return process;
        });
    }
}
