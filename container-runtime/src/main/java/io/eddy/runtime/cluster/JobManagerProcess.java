package io.eddy.runtime.cluster;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.cluster.ClusterMessages.Ack;
import io.eddy.runtime.cluster.ClusterMessages.FetchJar;
import io.eddy.runtime.cluster.ClusterMessages.Heartbeat;
import io.eddy.runtime.cluster.ClusterMessages.HeartbeatAck;
import io.eddy.runtime.cluster.ClusterMessages.RegisterTaskManager;
import io.eddy.runtime.cluster.ClusterMessages.Registered;
import io.eddy.runtime.cluster.ClusterMessages.TaskStateUpdate;
import io.eddy.runtime.config.GlobalConfiguration;
import io.eddy.runtime.jobmaster.JobManager;
import io.eddy.runtime.resourcemanager.FixedWorkerPool;
import io.eddy.runtime.resourcemanager.ResourceManagerDriver;
import io.eddy.runtime.rest.JobManagerRestApi;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.runtime.rest.RestServer;
import io.eddy.runtime.rpc.ClusterSecret;
import io.eddy.runtime.rpc.RpcConnection;
import io.eddy.runtime.rpc.RpcException;
import io.eddy.runtime.rpc.RpcServer;
import io.eddy.runtime.rpc.RpcService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The JobManager of a cluster: accepts TaskManagers over RPC and watches their heartbeats, runs jobs
 * on their slots, and serves the REST API. In a standalone cluster TaskManagers start on their own;
 * given a {@link ResourceManagerDriver} (YARN), it starts them itself through the driver.
 *
 * <p>With a driver, after {@link #start()} the configuration it was given holds the bound ports
 * ({@code jobmanager.rpc.port}, {@code rest.port}), so the driver sharing that configuration can tell
 * the workers it starts where to register.
 */
public final class JobManagerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobManagerProcess.class);
    private static final Pattern JAR_ID = Pattern.compile("[\\w.-]+\\.jar");

    private final Configuration config;
    private final String id = UUID.randomUUID().toString();
    private final JobManager jobManager = new JobManager();
    private final Map<RpcConnection, RemoteTaskExecutor> byConnection = new ConcurrentHashMap<>();
    private final Path jarDirectory;
    private RpcService rpc;
    private RpcServer rpcServer;
    private RestServer rest;
    private ScheduledExecutorService monitor;
    private final ResourceManagerDriver driver;
    private FixedWorkerPool workers;
    private final CompletableFuture<Void> fatalError = new CompletableFuture<>();
    private final CompletableFuture<Void> shutdownRequested = new CompletableFuture<>();

    public JobManagerProcess(Configuration config) throws IOException {
        this(config, null);
    }

    /** @param driver starts the TaskManagers, or {@code null} when they start on their own (standalone) */
    public JobManagerProcess(Configuration config, ResourceManagerDriver driver) throws IOException {
        this.config = config;
        this.driver = driver;
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
                .register(FetchJar.class, (fetch, from) -> jar(fetch.jarId()));
        rest = new JobManagerRestApi(jobManager, jarDirectory).install(
                new RestServer((int) Math.min(Integer.MAX_VALUE, config.get(RestOptions.MAX_UPLOAD).getBytes())));
        if (driver != null) {
            // a cluster that owns its TaskManagers (a YARN session) is stopped by its client
            rest.route("POST", "/cluster/shutdown", request -> {
                shutdownRequested.complete(null);
                return Map.of("status", "shutting down");
            });
        }
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
        LOG.info("JobManager {} started: RPC on port {}, REST on port {}", id, rpcPort(), restPort());
        if (driver != null) {
            config.set(ClusterOptions.JOBMANAGER_PORT, rpcPort());
            config.set(RestOptions.PORT, restPort());
            workers = new FixedWorkerPool(driver, config, fatalError::completeExceptionally);
            workers.start();
        }
    }

    /** Completes exceptionally when the resource manager driver cannot go on; the process should then end. */
    public CompletableFuture<Void> fatalError() {
        return fatalError;
    }

    /** Completes when a client asked the cluster to shut down ({@code POST /cluster/shutdown}; with a driver only). */
    public CompletableFuture<Void> shutdownRequested() {
        return shutdownRequested;
    }

    /**
     * Ends the cluster with a final status through the driver (on YARN: unregisters the application);
     * without a driver there is nobody to tell.
     */
    public void deregister(ResourceManagerDriver.ApplicationStatus status, String diagnostics) throws Exception {
        if (workers != null) {
            workers.deregister(status, diagnostics);
        }
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
        jobManager.unregisterTaskManager(tm);
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
        if (monitor != null) {
            monitor.shutdownNow();
        }
        jobManager.getJobs().forEach(job -> job.cancel());
        if (workers != null) {
            workers.close();
        }
        if (rest != null) {
            rest.close();
        }
        if (rpc != null) {
            rpc.close();
        }
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
