package io.eddy.yarn.resourcemanager;

import io.eddy.api.config.Configuration;
import io.eddy.runtime.cluster.ClusterOptions;
import io.eddy.runtime.resourcemanager.ResourceEventHandler;
import io.eddy.runtime.resourcemanager.ResourceManagerDriver;
import io.eddy.runtime.resourcemanager.WorkerId;
import io.eddy.runtime.resourcemanager.WorkerResourceSpec;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import io.eddy.yarn.container.ContainerEnvironment;
import io.eddy.yarn.container.YarnTaskManagerRunner;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Obtains TaskManagers as YARN containers: asks YARN's ResourceManager for a container per requested
 * worker ({@link AMRMClientAsync}), starts a TaskManager JVM in it ({@link NMClientAsync}) that
 * registers with the JobManager under the container id, reports containers that end unasked as
 * terminated workers, and gives up once {@link YarnResourceManagerOptions#MAX_FAILED_CONTAINERS}
 * containers failed, with the last failure as diagnostics.
 *
 * <p>Model: a request waits in {@link #pending} until a container of its size arrives, then the
 * container is {@link #starting} until its NodeManager confirms the launch (the request's future
 * completes), then {@link #running} until it completes; {@link #released} holds the containers this
 * driver stopped itself, whose completion is expected and reported to nobody. Containers a previous
 * attempt of the ApplicationMaster started and YARN kept are {@link #running} from the registration on,
 * and reported to the ResourceManager as recovered workers.
 *
 * <p>Threading: the ResourceManager calls this driver on its main thread; the YARN clients call
 * their callbacks on their own threads, which only hop onto {@link #mainThread}. All fields below are
 * therefore touched by the main thread alone and need no locks.
 *
 * <p>Security: containers get no credentials today (Kerberos is not supported yet); delegation tokens
 * would be added to the launch context in {@link #launchContext}.
 */
public final class YarnResourceManagerDriver implements ResourceManagerDriver {
    private static final Logger LOG = LoggerFactory.getLogger(YarnResourceManagerDriver.class);
    private static final Priority PRIORITY = Priority.newInstance(1);
    private static final long METASPACE_BYTES = 256L << 20;
    private static final long MIN_JVM_OVERHEAD_BYTES = 192L << 20;

    private final Configuration config;
    private final YarnConfiguration yarnConfig;
    private final WorkerLaunchSpec launchSpec;
    private final String clusterSecret;

    private ResourceEventHandler handler;
    private Executor mainThread;
    private AMRMClientAsync<ContainerRequest> resourceManager;
    private NMClientAsync nodeManagers;
    private Resource maxContainer;
    private String trackingUrl;

    private final Queue<PendingWorker> pending = new ArrayDeque<>();
    private final Map<ContainerId, PendingWorker> starting = new HashMap<>();
    private final Map<ContainerId, Container> running = new LinkedHashMap<>();
    private final Set<ContainerId> released = new HashSet<>();
    private int failedContainers;
    private String lastFailure;

    /**
     * @param config the JobManager's configuration; read at {@link #initialize} for the JobManager's
     *     RPC and REST addresses (the ports it bound)
     * @param clusterSecret the secret TaskManagers prove on RPC connections, given to them in their
     *     environment (never on the command line, which other users can read)
     */
    public YarnResourceManagerDriver(Configuration config, YarnConfiguration yarnConfig, WorkerLaunchSpec launchSpec,
            String clusterSecret) {
        this.config = config;
        this.yarnConfig = yarnConfig;
        this.launchSpec = launchSpec;
        this.clusterSecret = clusterSecret;
    }

    /** A request for one worker, waiting for its container. */
    private record PendingWorker(WorkerResourceSpec spec, ContainerRequest request, CompletableFuture<WorkerId> future) {}

    @Override
    public void initialize(ResourceEventHandler handler, Executor mainThread) throws Exception {
        this.handler = handler;
        this.mainThread = mainThread;
        resourceManager = AMRMClientAsync.createAMRMClientAsync(
                (int) config.get(YarnResourceManagerOptions.HEARTBEAT_INTERVAL).toMillis(), new ResourceManagerCallbacks());
        resourceManager.init(yarnConfig);
        resourceManager.start();
        nodeManagers = NMClientAsync.createNMClientAsync(new NodeManagerCallbacks());
        // a session closed without ending (the process stopped) leaves its containers to YARN, which stops them
        nodeManagers.getClient().cleanupRunningContainersOnStop(false);
        nodeManagers.init(yarnConfig);
        nodeManagers.start();
        String host = config.get(ClusterOptions.JOBMANAGER_ADDRESS);
        trackingUrl = "http://" + host + ":" + config.get(RestOptions.PORT);
        RegisterApplicationMasterResponse registration = resourceManager.registerApplicationMaster(host,
                config.get(ClusterOptions.JOBMANAGER_PORT), trackingUrl);
        maxContainer = registration.getMaximumResourceCapability();
        LOG.info("Registered with YARN's ResourceManager; tracking URL {}, largest container {}", trackingUrl,
                maxContainer);
        List<Container> previous = registration.getContainersFromPreviousAttempts();
        if (!previous.isEmpty()) {
            // kept across attempts: their TaskManagers register again, or the ResourceManager releases them
            List<WorkerId> recovered = new ArrayList<>();
            for (Container container : previous) {
                running.put(container.getId(), container);
                recovered.add(new WorkerId(container.getId().toString()));
            }
            LOG.info("Took over {} TaskManager container(s) of the previous attempt: {}", recovered.size(), recovered);
            mainThread.execute(() -> handler.onPreviousWorkersRecovered(recovered));
        }
    }

    @Override
    public CompletableFuture<WorkerId> requestWorker(WorkerResourceSpec spec) {
        if (failedContainers >= config.get(YarnResourceManagerOptions.MAX_FAILED_CONTAINERS)) {
            return CompletableFuture.failedFuture(new IllegalStateException(failedContainers
                    + " TaskManager containers failed (" + YarnResourceManagerOptions.MAX_FAILED_CONTAINERS.key()
                    + "), the last with: " + lastFailure));
        }
        Resource resource = containerResource(spec);
        if (resource.getMemorySize() > maxContainer.getMemorySize()
                || resource.getVirtualCores() > maxContainer.getVirtualCores()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("A TaskManager container of "
                    + resource.getMemorySize() + " MB and " + resource.getVirtualCores() + " vcores exceeds YARN's "
                    + "largest, " + maxContainer.getMemorySize() + " MB and " + maxContainer.getVirtualCores()
                    + " vcores: lower " + TaskManagerOptions.PROCESS_MEMORY.key() + " or the slots/vcores"));
        }
        ContainerRequest request = new ContainerRequest(resource, null, null, PRIORITY);
        resourceManager.addContainerRequest(request);
        PendingWorker worker = new PendingWorker(spec, request, new CompletableFuture<>());
        pending.add(worker);
        LOG.info("Requesting a TaskManager container of {} MB, {} vcores ({} pending)", resource.getMemorySize(),
                resource.getVirtualCores(), pending.size());
        return worker.future();
    }

    private Resource containerResource(WorkerResourceSpec spec) {
        long megabytes = (spec.processMemoryBytes() + (1 << 20) - 1) >> 20;
        return Resource.newInstance(megabytes, config.getOptional(YarnResourceManagerOptions.CONTAINER_VCORES)
                .orElse(spec.vcores()));
    }

    private void containersAllocated(List<Container> containers) {
        for (Container container : containers) {
            PendingWorker worker = takePendingFor(container.getResource());
            if (worker == null) {
                // YARN may hand out more than asked for (a request removed after its container was granted)
                LOG.info("Returning container {}: no request waits for it", container.getId());
                resourceManager.releaseAssignedContainer(container.getId());
                continue;
            }
            resourceManager.removeContainerRequest(worker.request());
            starting.put(container.getId(), worker);
            running.put(container.getId(), container);
            LOG.info("Starting a TaskManager in container {} on {}", container.getId(), container.getNodeId());
            try {
                nodeManagers.startContainerAsync(container, launchContext(worker.spec()));
            } catch (RuntimeException e) {
                launchFailed(container.getId(), e);
            }
        }
    }

    /**
     * The oldest request that the granted memory fits; YARN may round a container up, never down. Cores
     * are not compared: schedulers with the default resource calculator ignore them and grant one.
     */
    private PendingWorker takePendingFor(Resource granted) {
        for (Iterator<PendingWorker> it = pending.iterator(); it.hasNext(); ) {
            PendingWorker worker = it.next();
            Resource asked = worker.request().getCapability();
            if (granted.getMemorySize() >= asked.getMemorySize()) {
                it.remove();
                return worker;
            }
        }
        return null;
    }

    private void containerStarted(ContainerId id) {
        PendingWorker worker = starting.remove(id);
        if (worker != null) {
            worker.future().complete(new WorkerId(id.toString()));
        }
    }

    /** The NodeManager refused the launch: the request waits for another container (bounded by the failure count). */
    private void launchFailed(ContainerId id, Throwable cause) {
        PendingWorker worker = starting.remove(id);
        running.remove(id);
        released.add(id);
        resourceManager.releaseAssignedContainer(id);
        if (worker == null) {
            return;
        }
        String diagnostics = "container " + id + " could not be launched: " + cause.getMessage();
        LOG.warn("TaskManager {}", diagnostics);
        if (countFailure(diagnostics)) {
            worker.future().completeExceptionally(new IllegalStateException(failedContainers
                    + " TaskManager containers failed, the last with: " + diagnostics));
        } else {
            resourceManager.addContainerRequest(worker.request());
            pending.add(worker);
        }
    }

    private void containersCompleted(List<ContainerStatus> statuses) {
        for (ContainerStatus status : statuses) {
            ContainerId id = status.getContainerId();
            if (released.remove(id)) {
                continue;
            }
            Container container = running.remove(id);
            if (container == null) {
                continue; // not ours
            }
            String diagnostics = "TaskManager container " + id + " on " + container.getNodeId() + " ended with exit code "
                    + status.getExitStatus() + exitMeaning(status.getExitStatus()) + ": "
                    + status.getDiagnostics().strip();
            LOG.warn(diagnostics);
            countFailure(diagnostics);
            PendingWorker worker = starting.remove(id);
            if (worker != null) {
                worker.future().completeExceptionally(new IllegalStateException(diagnostics));
            } else {
                handler.onWorkerTerminated(new WorkerId(id.toString()), diagnostics);
            }
        }
    }

    /** Counts a failed container; true when that was one too many. */
    private boolean countFailure(String diagnostics) {
        failedContainers++;
        lastFailure = diagnostics;
        return failedContainers >= config.get(YarnResourceManagerOptions.MAX_FAILED_CONTAINERS);
    }

    private static String exitMeaning(int exitStatus) {
        return switch (exitStatus) {
            case ContainerExitStatus.PREEMPTED -> " (preempted)";
            case ContainerExitStatus.KILLED_EXCEEDED_PMEM, ContainerExitStatus.KILLED_EXCEEDED_VMEM ->
                    " (above its memory limit: raise " + TaskManagerOptions.PROCESS_MEMORY.key() + ")";
            case ContainerExitStatus.DISKS_FAILED -> " (disks failed)";
            case ContainerExitStatus.ABORTED -> " (aborted, e.g. its node was lost)";
            default -> "";
        };
    }

    @Override
    public void releaseWorker(WorkerId worker) {
        for (Container container : running.values()) {
            if (container.getId().toString().equals(worker.value())) {
                running.remove(container.getId());
                released.add(container.getId());
                nodeManagers.stopContainerAsync(container.getId(), container.getNodeId());
                resourceManager.releaseAssignedContainer(container.getId());
                LOG.info("Released TaskManager container {}", container.getId());
                return;
            }
        }
    }

    @Override
    public void deregisterApplication(ApplicationStatus status, String diagnostics) {
        FinalApplicationStatus yarnStatus = switch (status) {
            case SUCCEEDED -> FinalApplicationStatus.SUCCEEDED;
            case FAILED -> FinalApplicationStatus.FAILED;
            case KILLED -> FinalApplicationStatus.KILLED;
            case UNKNOWN -> FinalApplicationStatus.UNDEFINED;
        };
        try {
            resourceManager.unregisterApplicationMaster(yarnStatus, diagnostics, trackingUrl);
            LOG.info("Unregistered the application: {} ({})", yarnStatus, diagnostics);
        } catch (Exception e) {
            LOG.warn("Could not unregister the application from YARN's ResourceManager", e);
        }
        for (PendingWorker worker : pending) {
            worker.future().cancel(false);
        }
        pending.clear();
    }

    @Override
    public void close() {
        if (nodeManagers != null) {
            nodeManagers.stop();
        }
        if (resourceManager != null) {
            resourceManager.stop();
        }
    }

    /**
     * The TaskManager's launch: its JVM sized to the container (maximum heap = process size minus
     * metaspace and JVM overhead), the Java options Hadoop needs on Java 17, its files and class path,
     * where to register, and its output in the container's log directory. The heap is committed as it
     * is needed, not up front (no -Xms): a heap committed whole lets G1 size the young generation
     * against all of it, and a short job then spends its first seconds in the kernel faulting in fresh pages.
     */
    private ContainerLaunchContext launchContext(WorkerResourceSpec spec) {
        long overhead = Math.max(MIN_JVM_OVERHEAD_BYTES, spec.processMemoryBytes() / 10);
        long heapMegabytes = Math.max(64, (spec.processMemoryBytes() - METASPACE_BYTES - overhead) >> 20);
        String logDir = ApplicationConstants.LOG_DIR_EXPANSION_VAR;
        List<String> command = new ArrayList<>();
        command.add(ApplicationConstants.Environment.JAVA_HOME.$$() + "/bin/java");
        command.add("-Xmx" + heapMegabytes + "m");
        command.add("-XX:MaxMetaspaceSize=" + (METASPACE_BYTES >> 20) + "m");
        command.addAll(ContainerEnvironment.JAVA_OPTIONS);
        if (launchSpec.confDir() != null) {
            command.add("-Dlog4j2.configurationFile=" + launchSpec.confDir() + "/log4j2.properties");
        }
        command.add("-Deddy.log.file=" + logDir + "/taskmanager.log");
        command.add(YarnTaskManagerRunner.class.getName());
        dynamicProperty(command, ClusterOptions.JOBMANAGER_ADDRESS.key(), config.get(ClusterOptions.JOBMANAGER_ADDRESS));
        dynamicProperty(command, ClusterOptions.JOBMANAGER_PORT.key(), config.get(ClusterOptions.JOBMANAGER_PORT));
        dynamicProperty(command, TaskManagerOptions.NUM_TASK_SLOTS.key(), spec.slots());
        command.add("1>" + logDir + "/taskmanager.out");
        command.add("2>" + logDir + "/taskmanager.err");

        Map<String, String> environment = new HashMap<>();
        environment.put(ApplicationConstants.Environment.CLASSPATH.name(),
                String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, launchSpec.classPath()));
        environment.putAll(launchSpec.environment());
        environment.put(ContainerEnvironment.CLUSTER_SECRET, clusterSecret);
        if (launchSpec.confDir() != null) {
            environment.put(ContainerEnvironment.CONF_DIR, launchSpec.confDir());
        }
        return ContainerLaunchContext.newInstance(launchSpec.localResources(), environment,
                List.of(String.join(" ", command)), null, null, null);
    }

    private static void dynamicProperty(List<String> command, String key, Object value) {
        command.add("-D" + key + "=" + value);
    }

    /** YARN's ResourceManager: its callbacks run on the client's thread and hop to the main thread. */
    private final class ResourceManagerCallbacks extends AMRMClientAsync.AbstractCallbackHandler {
        @Override
        public void onContainersAllocated(List<Container> containers) {
            mainThread.execute(() -> containersAllocated(containers));
        }

        @Override
        public void onContainersCompleted(List<ContainerStatus> statuses) {
            mainThread.execute(() -> containersCompleted(statuses));
        }

        @Override
        public void onContainersUpdated(List<UpdatedContainer> containers) {}

        @Override
        public void onShutdownRequest() {
            mainThread.execute(() -> handler.onError(new IllegalStateException(
                    "YARN's ResourceManager told the ApplicationMaster to shut down (application killed or unknown)")));
        }

        @Override
        public void onNodesUpdated(List<NodeReport> nodes) {}

        @Override
        public float getProgress() {
            return 0.5f; // a cluster is neither starting nor done while it runs
        }

        @Override
        public void onError(Throwable cause) {
            mainThread.execute(() -> handler.onError(cause));
        }
    }

    /** The NodeManagers: launch confirmations and failures, hopped to the main thread. */
    private final class NodeManagerCallbacks extends NMClientAsync.AbstractCallbackHandler {
        @Override
        public void onContainerStarted(ContainerId id, Map<String, ByteBuffer> serviceData) {
            mainThread.execute(() -> containerStarted(id));
        }

        @Override
        public void onStartContainerError(ContainerId id, Throwable cause) {
            mainThread.execute(() -> launchFailed(id, cause));
        }

        @Override
        public void onContainerStatusReceived(ContainerId id, ContainerStatus status) {}

        @Override
        public void onContainerStopped(ContainerId id) {}

        @Override
        public void onContainerResourceIncreased(ContainerId id, Resource resource) {}

        @Override
        public void onContainerResourceUpdated(ContainerId id, Resource resource) {}

        @Override
        public void onGetContainerStatusError(ContainerId id, Throwable cause) {}

        @Override
        public void onIncreaseContainerResourceError(ContainerId id, Throwable cause) {}

        @Override
        public void onUpdateContainerResourceError(ContainerId id, Throwable cause) {}

        @Override
        public void onStopContainerError(ContainerId id, Throwable cause) {
            LOG.warn("Container {} could not be stopped: {}", id, cause.getMessage());
        }
    }
}
