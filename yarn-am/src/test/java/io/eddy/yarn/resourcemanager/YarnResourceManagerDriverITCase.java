package io.eddy.yarn.resourcemanager;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.runtime.cluster.ClusterOptions;
import io.eddy.runtime.cluster.JobManagerProcess;
import io.eddy.runtime.deployment.TaskExecutorGateway;
import io.eddy.runtime.resourcemanager.ResourceEventHandler;
import io.eddy.runtime.resourcemanager.WorkerId;
import io.eddy.runtime.resourcemanager.WorkerResourceSpec;
import io.eddy.runtime.resourcemanager.ResourceManagerDriver.ApplicationStatus;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.runtime.rpc.RpcOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import io.eddy.yarn.minihadoop.MiniHadoop;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver against a real YARN: the test JVM plays an unmanaged ApplicationMaster hosting a real
 * JobManager; each worker it requests becomes a container of the MiniYARNCluster running a real
 * TaskManager JVM, which must register under its container id; a TaskManager killed with -9 is
 * reported as terminated and replaced; unregistering ends the application with the given status.
 */
class YarnResourceManagerDriverITCase {
    private static final java.util.concurrent.atomic.AtomicReference<Throwable> FATAL =
            new java.util.concurrent.atomic.AtomicReference<>();
    private static MiniHadoop hadoop;
    private static YarnClient yarnClient;

    @BeforeAll
    static void startHadoop(@TempDir Path dir) throws Exception {
        hadoop = MiniHadoop.start(dir, 1);
        yarnClient = YarnClient.createYarnClient();
        yarnClient.init(hadoop.clientConfiguration());
        yarnClient.start();
    }

    @AfterAll
    static void stopHadoop() {
        if (yarnClient != null) {
            yarnClient.stop();
        }
        if (hadoop != null) {
            hadoop.close();
        }
    }

    @Test
    void workersAreContainersRunningTaskManagersThatRegisterUnderTheirContainerIdAndAreReplacedWhenKilled()
            throws Exception {
        ApplicationId app = submitUnmanagedApplication();
        Configuration config = new Configuration();
        config.set(ClusterOptions.JOBMANAGER_ADDRESS, InetAddress.getLocalHost().getHostName());
        config.set(ClusterOptions.JOBMANAGER_PORT, 0);
        config.set(RestOptions.PORT, 0);
        config.set(RpcOptions.CLUSTER_SECRET, "driver-test-secret");
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        config.set(TaskManagerOptions.PROCESS_MEMORY, MemorySize.ofMebiBytes(768));
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        YarnResourceManagerDriver driver = new YarnResourceManagerDriver(config, hadoop.clientConfiguration(),
                new WorkerLaunchSpec(Map.of(), classPath, null, Map.of()), "driver-test-secret");
        java.util.concurrent.ExecutorService mainThread = java.util.concurrent.Executors.newSingleThreadExecutor();
        WorkerResourceSpec spec = new WorkerResourceSpec(768L << 20, 2, 2);
        // a standalone JobManager for the TaskManagers to register with; the test plays its ResourceManager
        try (JobManagerProcess jobManager = new JobManagerProcess(config)) {
            jobManager.start();
            ResourceEventHandler replaceTerminated = new ResourceEventHandler() {
                @Override
                public void onWorkerTerminated(WorkerId worker, String diagnostics) {
                    driver.requestWorker(spec);
                }

                @Override
                public void onPreviousWorkersRecovered(java.util.Collection<WorkerId> workers) {
                    FATAL.set(new AssertionError("a first attempt has no previous workers: " + workers));
                }

                @Override
                public void onError(Throwable cause) {
                    FATAL.set(cause);
                }
            };
            mainThread.submit(() -> {
                driver.initialize(replaceTerminated, mainThread);
                return driver.requestWorker(spec);
            }).get();
            waitUntil(() -> jobManager.jobManager().getTaskManagers().size() == 1, "a TaskManager registers");
            TaskExecutorGateway first = jobManager.jobManager().getTaskManagers().get(0);
            assertEquals(Set.of(first.getId()), taskManagerContainers(app), "registered under its container id");
            assertEquals(2, first.getNumberOfSlots());
            ApplicationReport report = yarnClient.getApplicationReport(app);
            assertEquals("http://" + config.get(ClusterOptions.JOBMANAGER_ADDRESS) + ":" + jobManager.restPort(),
                    report.getOriginalTrackingUrl());

            ProcessHandle taskManagerProcess = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().orElse("").contains(first.getId() + "/taskmanager.log"))
                    .findFirst().orElseThrow(() -> new AssertionError("no process of container " + first.getId()));
            // the container's launch shell or the JVM it starts: either shows the java command
            String command = taskManagerProcess.info().commandLine().orElseThrow();
            assertTrue(command.matches("(?s).*/bin/java -Xmx\\d+m .*"), "heap bounded: " + command);
            assertFalse(command.contains(" -Xms"), "heap committed as needed: " + command);
            taskManagerProcess.destroyForcibly();

            waitUntil(() -> jobManager.jobManager().getTaskManagers().stream().anyMatch(tm -> !tm.getId().equals(first.getId())),
                    "a replacement TaskManager registers");
            String replacement = jobManager.jobManager().getTaskManagers().stream()
                    .filter(tm -> !tm.getId().equals(first.getId())).findFirst().orElseThrow().getId();
            assertNotEquals(first.getId(), replacement);
            assertTrue(taskManagerContainers(app).contains(replacement));

            mainThread.submit(() -> driver.deregisterApplication(ApplicationStatus.FAILED,
                    "the test ends the application")).get();
            waitUntil(() -> yarnClient.getApplicationReport(app).getYarnApplicationState() == YarnApplicationState.FINISHED,
                    "the application finishes");
            report = yarnClient.getApplicationReport(app);
            assertEquals(FinalApplicationStatus.FAILED, report.getFinalApplicationStatus());
            assertEquals("the test ends the application", report.getDiagnostics());
        } finally {
            mainThread.submit(driver::close).get();
            mainThread.shutdownNow();
        }
    }

    /** An application whose ApplicationMaster is this JVM: YARN only hands out its AMRM token. */
    private static ApplicationId submitUnmanagedApplication() throws Exception {
        ApplicationSubmissionContext context = yarnClient.createApplication().getApplicationSubmissionContext();
        context.setApplicationName("driver-test");
        context.setUnmanagedAM(true);
        context.setResource(Resource.newInstance(64, 1));
        context.setAMContainerSpec(ContainerLaunchContext.newInstance(null, null, null, null, null, null));
        yarnClient.submitApplication(context);
        ApplicationId app = context.getApplicationId();
        waitUntil(() -> {
            ApplicationReport report = yarnClient.getApplicationReport(app);
            return report.getCurrentApplicationAttemptId() != null && yarnClient.getApplicationAttemptReport(
                    report.getCurrentApplicationAttemptId()).getYarnApplicationAttemptState()
                    == YarnApplicationAttemptState.LAUNCHED;
        }, "the application attempt is launched");
        UserGroupInformation.getCurrentUser().addToken(yarnClient.getAMRMToken(app));
        return app;
    }

    private static Set<String> taskManagerContainers(ApplicationId app) throws Exception {
        return yarnClient.getContainers(yarnClient.getApplicationReport(app).getCurrentApplicationAttemptId()).stream()
                .map(c -> c.getContainerId().toString()).collect(Collectors.toSet());
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitUntil(Condition condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!condition.holds()) {
            if (FATAL.get() != null) {
                throw new AssertionError("The driver failed while waiting until " + what, FATAL.get());
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting until " + what + "; nodes " + yarnClient.getNodeReports()
                        + " apps " + yarnClient.getApplications());
            }
            Thread.sleep(100);
        }
    }
}
