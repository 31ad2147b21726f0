package io.eddy.yarn.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.runtime.remote.ClusterClientFactory;
import io.eddy.runtime.rest.RestClient;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.state.hdfs.Encoder;
import io.eddy.state.hdfs.ExactlyOnceFileSink;
import io.eddy.state.hdfs.testing.CommittedOutput;
import io.eddy.yarn.deployment.YarnClusterDeployer.YarnApplication;
import io.eddy.yarn.minihadoop.MiniHadoop;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eddy on a real YARN (MiniYARNCluster + MiniDFSCluster, TaskManagers in container JVMs), deployed
 * from a distribution-like lib/ through HDFS staging: a detached session runs a keyed job with exact
 * output on HDFS, then a second, checkpointed job whose TaskManager container is killed with -9 (the
 * container is replaced, the committed output is exact), and is stopped (FINISHED, staging gone); a
 * session whose ApplicationMaster is killed with -9 recovers its job in the second attempt from the latest
 * checkpoint on the TaskManager container kept from the first (output exact) and serves the dashboard
 * through YARN's web proxy; per-job and application-mode applications end with the final status of
 * their jobs; wrong input is refused in one line with no application left behind.
 */
class YarnDeploymentITCase {
    private static MiniHadoop hadoop;
    private static YarnClient yarn;
    private static ClientEnvironment environment;
    private static java.nio.file.Path userJar;
    private static java.nio.file.Path dir;

    @BeforeAll
    static void start(@TempDir java.nio.file.Path tempDir) throws Exception {
        dir = tempDir;
        hadoop = MiniHadoop.start(dir.resolve("hadoop"), 1);
        yarn = YarnClient.createYarnClient();
        yarn.init(hadoop.clientConfiguration());
        yarn.start();
        java.nio.file.Path dist = Files.createDirectories(dir.resolve("dist"));
        environment = ClientEnvironment.of(Map.of("HADOOP_CONF_DIR", hadoop.confDir().toString(),
                        "EDDY_CONF_DIR", java.nio.file.Path.of("..", "conf").toAbsolutePath().normalize().toString()),
                TestDistribution.lib(dist));
        userJar = TestDistribution.userJar(dist);
    }

    @AfterAll
    static void stop() {
        if (yarn != null) {
            yarn.stop();
        }
        if (hadoop != null) {
            hadoop.close();
        }
    }

    private static Configuration config() {
        Configuration config = new Configuration();
        config.setString("taskmanager.memory.process.size", "768m");
        config.setString("jobmanager.memory.process.size", "768m");
        config.setString(YarnDeploymentOptions.PROPERTIES_FILE_DIR.key(), dir.toString());
        config.setString(YarnDeploymentOptions.DEPLOYMENT_TIMEOUT.key(), "2 min");
        return config;
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run session(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new YarnSessionCli(new PrintStream(out, true), new PrintStream(err, true), config(), environment)
                .run(List.of(args), new ByteArrayInputStream(new byte[0]));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void detachedSessionRunsJobsExactlyOnceThroughAKilledTaskManagerAndStopsCleanly() throws Exception {
        long started = System.nanoTime();
        Run start = session("-d", "-s", "2", "-nm", "session-it");
        double readySeconds = (System.nanoTime() - started) / 1e9;
        assertEquals(0, start.exitCode(), start.err());
        String appId = new SessionProperties(config()).applicationId();
        assertTrue(start.out().contains("Session " + appId + " is ready; REST API (and web UI) at http://"), start.out());
        assertTrue(start.err().contains("Application " + appId + ": ACCEPTED")
                && start.err().contains("Application " + appId + ": RUNNING"), start.err());
        FileSystem fs = FileSystem.get(hadoop.clientConfiguration());
        Path staging = new Path(fs.getHomeDirectory(), ".eddy/" + appId);
        assertTrue(fs.exists(new Path(staging, "lib")), "lib/ staged");
        System.out.printf("FIGURE yarn-session -d to ready: %.1f s%n", readySeconds);

        YarnApplication session;
        try (YarnClusterDeployer deployer = new YarnClusterDeployer(config(), environment, System.err)) {
            session = deployer.find(appId);
        }
        String base = hadoop.defaultFileSystem() + "/session-it";

        // a keyed job: exact output on HDFS
        JobClient first = submit(session, base + "/out1", base + "/checkpoints", 20_000, 5, false);
        first.getJobExecutionResult().get(3, TimeUnit.MINUTES);
        CommittedOutput.read(new Path(base + "/out1"), hadoop.clientConfiguration())
                .assertExactly(CommittedOutput.runningSumLines(20_000, 5));

        // a second job, checkpointed on HDFS; its TaskManager's process is killed with -9 while it runs
        JobClient second = submit(session, base + "/out2", base + "/checkpoints", 60_000, 7, true);
        RestClient rest = new RestClient(session.restHost() + ":" + session.restPort(), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
        String jobPath = "/jobs/" + second.getJobId().toHexString();
        waitUntil(() -> completedCheckpoints(rest, jobPath) >= 2, "two checkpoints completed");
        String killedContainer = killOneTaskManager(appId);
        long killed = System.nanoTime();
        waitUntil(() -> rest.get(jobPath).path("status").asText().equals("RESTARTING")
                || !rest.get(jobPath).toString().contains(killedContainer), "the job notices the lost TaskManager");
        waitUntil(() -> rest.get(jobPath).path("status").asText().equals("RUNNING")
                && !rest.get(jobPath).toString().contains(killedContainer), "the job runs again on a replacement");
        System.out.printf("FIGURE killed TaskManager container to job running again: %.1f s%n",
                (System.nanoTime() - killed) / 1e9);
        second.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        CommittedOutput output = CommittedOutput.read(new Path(base + "/out2"), hadoop.clientConfiguration());
        output.assertExactly(CommittedOutput.runningSumLines(60_000, 7));
        assertTrue(rest.get(jobPath + "/checkpoints").path("counts").path("restored").asInt() >= 1,
                "the restart restored a checkpoint from HDFS");

        Run stop = session("-id", appId, "--stop");
        assertEquals(0, stop.exitCode(), stop.err());
        assertTrue(stop.out().contains("Session " + appId + " FINISHED (SUCCEEDED)"), stop.out());
        ApplicationReport report = yarn.getApplicationReport(ApplicationId.fromString(appId));
        assertEquals(YarnApplicationState.FINISHED, report.getYarnApplicationState());
        assertEquals(FinalApplicationStatus.SUCCEEDED, report.getFinalApplicationStatus());
        assertFalse(fs.exists(staging), "staging directory removed");
        assertEquals(null, new SessionProperties(config()).applicationId(), "the session is forgotten");
    }

    @Test
    void killedApplicationMasterRecoversItsJobFromTheLatestCheckpointAndServesTheDashboardThroughTheProxy()
            throws Exception {
        Run start = session("-d", "-s", "2", "-nm", "ha-it", "-D", "yarn.application-attempts=2");
        assertEquals(0, start.exitCode(), start.err());
        String appId = new SessionProperties(config()).applicationId();
        ApplicationId id = ApplicationId.fromString(appId);
        FileSystem fs = FileSystem.get(hadoop.clientConfiguration());
        Path jobStore = new Path(hadoop.defaultFileSystem() + "/eddy/ha/" + appId);
        YarnApplication firstAttempt;
        try (YarnClusterDeployer deployer = new YarnClusterDeployer(config(), environment, System.err)) {
            firstAttempt = deployer.find(appId);
        }
        String base = hadoop.defaultFileSystem() + "/ha-it";
        JobClient job = submit(firstAttempt, base + "/out", base + "/checkpoints", 60_000, 7, true);
        String jobPath = "/jobs/" + job.getJobId().toHexString();
        assertTrue(fs.exists(new Path(jobStore, job.getJobId().toHexString() + ".job")), "the job is kept for recovery");
        RestClient firstRest = new RestClient(firstAttempt.restHost() + ":" + firstAttempt.restPort(),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        waitUntil(() -> completedCheckpoints(firstRest, jobPath) >= 2, "two checkpoints completed");
        List<String> firstTaskManagers = taskManagerIds(firstRest);
        assertEquals(1, firstTaskManagers.size(), firstTaskManagers.toString());
        String keptContainer = firstTaskManagers.get(0);

        killApplicationMaster(appId);
        long killed = System.nanoTime();
        waitUntil(() -> {
            ApplicationReport report = yarn.getApplicationReport(id);
            return report.getCurrentApplicationAttemptId().getAttemptId() == 2
                    && report.getYarnApplicationState() == YarnApplicationState.RUNNING;
        }, "the second attempt of the ApplicationMaster runs");
        YarnApplication secondAttempt;
        try (YarnClusterDeployer deployer = new YarnClusterDeployer(config(), environment, System.err)) {
            secondAttempt = deployer.find(appId);
        }
        RestClient rest = new RestClient(secondAttempt.restHost() + ":" + secondAttempt.restPort(),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
        waitUntil(() -> answers(rest, jobPath) && rest.get(jobPath).path("status").asText().equals("RUNNING")
                && rest.get(jobPath + "/checkpoints").path("counts").path("restored").asInt() >= 1
                && allSubtasksRunning(rest.get(jobPath)), "the new attempt runs the job's tasks from a checkpoint");
        System.out.printf("FIGURE killed ApplicationMaster to job running again from its checkpoint: %.1f s%n",
                (System.nanoTime() - killed) / 1e9);
        long restored = rest.get(jobPath + "/checkpoints").path("latest").path("restored").path("id").asLong();
        assertTrue(restored >= 2, "restored checkpoint " + restored + ", not one from before the second");
        // the first attempt's TaskManager container was kept: its TaskManager registered with the new
        // attempt and runs the recovered job, and no other container was started
        assertEquals(List.of(keptContainer), taskManagerIds(rest));
        assertTrue(rest.get(jobPath).toString().contains(keptContainer), rest.get(jobPath).toString());

        // the dashboard and the REST API through YARN's web proxy, at the tracking URL YARN shows
        String proxy = yarn.getApplicationReport(id).getTrackingUrl();
        assertTrue(proxy.contains("/proxy/" + appId), proxy);
        String proxied = proxy.endsWith("/") ? proxy : proxy + "/";
        JsonNode throughProxy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(httpGet(proxied + jobPath.substring(1)));
        assertEquals(job.getJobId().toHexString(), throughProxy.path("jobId").asText());
        assertEquals("keyed sums into " + base + "/out", throughProxy.path("name").asText());
        String dashboard = httpGet(proxied);
        assertTrue(dashboard.contains("<html") && dashboard.contains("Eddy"), dashboard);

        waitUntil(() -> rest.get(jobPath).path("status").asText().equals("FINISHED"), "the recovered job finishes");
        CommittedOutput.read(new Path(base + "/out"), hadoop.clientConfiguration())
                .assertExactly(CommittedOutput.runningSumLines(60_000, 7));
        waitUntil(() -> !fs.exists(new Path(jobStore, job.getJobId().toHexString() + ".job")),
                "the finished job is no longer kept");

        Run stop = session("-id", appId, "--stop");
        assertEquals(0, stop.exitCode(), stop.err());
        ApplicationReport report = yarn.getApplicationReport(id);
        assertEquals(FinalApplicationStatus.SUCCEEDED, report.getFinalApplicationStatus());
        assertFalse(fs.exists(jobStore), "the job graph store is removed with the application");
    }

    private static boolean allSubtasksRunning(JsonNode job) {
        List<String> states = new java.util.ArrayList<>();
        job.path("vertices").forEach(v -> v.path("subtasks").forEach(s -> states.add(s.path("status").asText())));
        return !states.isEmpty() && states.stream().allMatch("RUNNING"::equals);
    }

    private static List<String> taskManagerIds(RestClient rest) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        rest.get("/taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    private static boolean answers(RestClient rest, String path) {
        try {
            rest.get(path);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String httpGet(String url) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return response.body();
    }

    /** Kills (-9) the JVM of the application's ApplicationMaster. */
    private static void killApplicationMaster(String appId) {
        String containerPrefix = "container_" + appId.substring("application_".length());
        ProcessHandle applicationMaster = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/java")
                        && p.info().commandLine().orElse("").contains("YarnApplicationMaster")
                        && p.info().commandLine().orElse("").contains(containerPrefix))
                .findFirst().orElseThrow(() -> new AssertionError("no ApplicationMaster process of " + appId));
        assertTrue(applicationMaster.destroyForcibly());
    }

    /** The keyed running sum of 0..n-1 over {@code keys} keys, exactly once into {@code out}. */
    private static JobClient submit(YarnApplication session, String out, String checkpoints, long n, long keys,
            boolean throttled) throws Exception {
        Configuration config = new Configuration();
        config.set(DeploymentOptions.TARGET, "remote");
        config.set(DeploymentOptions.JARS, userJar.toString());
        config.set(RestOptions.ADDRESS, session.restHost());
        config.set(RestOptions.PORT, session.restPort());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.enableCheckpointing(300, CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig().setCheckpointDirectory(checkpoints);
        // room for the restarts that fail while a replacement container starts; no failed checkpoint is
        // tolerated: the loss of a TaskManager must restart the job, never fail it through its checkpoints
        env.setRestartStrategy(RestartStrategy.fixedDelay(60, 500));
        (throttled ? env.fromSequence(0, n - 1).setParallelism(1).map(YarnDeploymentITCase::throttle).setParallelism(1)
                : env.fromSequence(0, n - 1).setParallelism(1))
                .map(x -> Tuple2.of(x % keys, x), new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo()).setParallelism(1)
                .keyBy(0)
                .sum(1).setParallelism(2)
                .map(t -> t.f0 + " " + t.f1).setParallelism(2)
                .sinkTo(ExactlyOnceFileSink.forRowFormat(out, Encoder.<String>toStringLines()).build()).setParallelism(2);
        return env.executeAsync("keyed sums into " + out);
    }

    /** About 20 s for 60 000 records: time for checkpoints, a kill and a restart in between. */
    static long throttle(long x) throws InterruptedException {
        if (x % 30 == 0) {
            Thread.sleep(10);
        }
        return x;
    }

    private static int completedCheckpoints(RestClient rest, String jobPath) throws Exception {
        JsonNode stats = rest.get(jobPath + "/checkpoints");
        return stats.path("counts").path("completed").asInt(0);
    }

    /** Kills (-9) the JVM of one TaskManager container of the application; returns its container id. */
    private static String killOneTaskManager(String appId) {
        String containerPrefix = "container_" + appId.substring("application_".length());
        ProcessHandle taskManager = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/java") // the JVM, not its launch shell
                        && p.info().commandLine().orElse("").contains("YarnTaskManagerRunner")
                        && p.info().commandLine().orElse("").contains(containerPrefix))
                .findFirst().orElseThrow(() -> new AssertionError("no TaskManager process of " + appId));
        String commandLine = taskManager.info().commandLine().orElseThrow();
        int at = commandLine.indexOf(containerPrefix);
        String container = commandLine.substring(at, commandLine.indexOf('/', at));
        assertTrue(taskManager.destroyForcibly());
        return container;
    }

    @Test
    void miniHadoopsNodeManagerOffersRoomForASessionAndAPerJobApplicationSideBySide() throws Exception {
        var nodes = yarn.getNodeReports(org.apache.hadoop.yarn.api.records.NodeState.RUNNING);
        assertEquals(1, nodes.size());
        assertEquals(MiniHadoop.NODE_MANAGER_MB, nodes.get(0).getCapability().getMemorySize());
    }

    @Test
    void wrongInputIsRefusedInOneLineWithNoApplicationLeftBehind() throws Exception {
        int applicationsBefore = yarn.getApplications().size();

        Run unknownQueue = session("-d", "-qu", "no-such-queue");
        assertEquals(1, unknownQueue.exitCode());
        assertEquals("yarn-session: YARN has no queue 'no-such-queue': pick one of [default] with -qu or "
                + "yarn.application.queue", unknownQueue.err().strip());

        Run tooBig = session("-d", "-tm", "8g");
        assertEquals(1, tooBig.exitCode());
        assertEquals("yarn-session: A TaskManager container of 8192 MB exceeds YARN's largest, "
                + MiniHadoop.MAX_CONTAINER_MB + " MB: lower -tm (taskmanager.memory.process.size)", tooBig.err().strip());

        Run badSlots = session("-s", "zero");
        assertEquals(2, badSlots.exitCode());
        assertEquals("yarn-session: -s expects a positive number, got 'zero'", badSlots.err().strip());

        YarnDeploymentException noConf = org.junit.jupiter.api.Assertions.assertThrows(YarnDeploymentException.class,
                () -> ClientEnvironment.of(Map.of(), environment.eddyLibDirectory()));
        assertTrue(noConf.getMessage().startsWith("HADOOP_CONF_DIR is not set: export HADOOP_CONF_DIR="), noConf.getMessage());
        String notADirectory = dir.resolve("no-such-conf").toString();
        YarnDeploymentException badConf = org.junit.jupiter.api.Assertions.assertThrows(YarnDeploymentException.class,
                () -> ClientEnvironment.of(Map.of("HADOOP_CONF_DIR", notADirectory), environment.eddyLibDirectory()));
        assertEquals("HADOOP_CONF_DIR=" + notADirectory + " is not a directory: point it at the directory holding the "
                + "cluster's core-site.xml and yarn-site.xml", badConf.getMessage());

        java.nio.file.Path unreachable = Files.createDirectories(dir.resolve("unreachable-conf"));
        Files.writeString(unreachable.resolve("yarn-site.xml"), "<configuration><property><name>"
                + "yarn.resourcemanager.address</name><value>127.0.0.1:1</value></property></configuration>");
        Configuration fast = config();
        fast.setString(YarnDeploymentOptions.RESOURCE_MANAGER_CONNECT_TIMEOUT.key(), "2 s");
        YarnDeploymentException noRm = org.junit.jupiter.api.Assertions.assertThrows(YarnDeploymentException.class,
                () -> new YarnClusterDeployer(fast, ClientEnvironment.of(Map.of("HADOOP_CONF_DIR", unreachable.toString()),
                        environment.eddyLibDirectory()), System.err));
        assertTrue(noRm.getMessage().startsWith("YARN's ResourceManager at 127.0.0.1:1 is not reachable"), noRm.getMessage());

        try (YarnClusterDeployer deployer = new YarnClusterDeployer(config(), environment, System.err)) {
            java.nio.file.Path missingJar = dir.resolve("missing.jar");
            YarnDeploymentException noJar = org.junit.jupiter.api.Assertions.assertThrows(YarnDeploymentException.class,
                    () -> deployer.deployApplication(missingJar, null, List.of()));
            assertEquals("The program's jar " + missingJar + " does not exist", noJar.getMessage());
        }

        assertEquals(applicationsBefore, yarn.getApplications(EnumSet.allOf(YarnApplicationState.class)).size(),
                "no application left behind");

        try (YarnClusterDeployer deployer = new YarnClusterDeployer(config(), environment, System.err)) {
            YarnDeploymentException unknown = org.junit.jupiter.api.Assertions.assertThrows(YarnDeploymentException.class,
                    () -> deployer.find("application_1_0001"));
            assertTrue(unknown.getMessage().startsWith("YARN does not know application application_1_0001: "),
                    unknown.getMessage());
            // an application of another framework: refused by its type, whatever its state
            var other = yarn.createApplication();
            var context = other.getApplicationSubmissionContext();
            context.setApplicationType("MAPREDUCE");
            context.setResource(org.apache.hadoop.yarn.api.records.Resource.newInstance(64, 1));
            context.setAMContainerSpec(org.apache.hadoop.yarn.api.records.ContainerLaunchContext.newInstance(
                    Map.of(), Map.of(), List.of("sleep 60"), null, null, null));
            ApplicationId otherId = yarn.submitApplication(context);
            try {
                YarnDeploymentException notEddy = org.junit.jupiter.api.Assertions.assertThrows(
                        YarnDeploymentException.class, () -> deployer.find(otherId.toString()));
                assertEquals("Application " + otherId + " is a MAPREDUCE application, not Eddy's: name an Eddy session "
                        + "with -D yarn.application.id=<applicationId> (yarn application -list -appTypes Eddy)",
                        notEddy.getMessage());
            } finally {
                yarn.killApplication(otherId);
            }
        }
    }

    /** The distribution's jars once on HDFS, so that per-job and application-mode applications skip the upload. */
    private static synchronized Path providedLib() throws Exception {
        FileSystem fs = FileSystem.get(hadoop.clientConfiguration());
        Path providedLib = new Path(fs.getHomeDirectory(), "eddy-lib");
        if (!fs.exists(providedLib)) {
            fs.copyFromLocalFile(false, true, new Path(environment.eddyLibDirectory().toUri()), providedLib);
        }
        return fs.makeQualified(providedLib);
    }

    private static Configuration applicationModeConfig() throws Exception {
        Configuration config = config();
        config.setString(YarnDeploymentOptions.PROVIDED_LIB_DIRS.key(), providedLib().toString());
        config.setString("taskmanager.numberOfTaskSlots", "2");
        return config;
    }

    @Test
    void applicationModeEndsOnceTheProgramReturnedAndAllItsJobsEndedWithTheWorstOfTheirStatuses() throws Exception {
        ClusterClientFactory yarnTargets = new YarnClusterClientFactory(() -> environment);
        assertTrue(yarnTargets.runsPrograms("yarn-application") && !yarnTargets.runsPrograms("yarn-session"));
        String base = hadoop.defaultFileSystem() + "/application-mode";

        // main submits two jobs and returns at once: the application waits for both and succeeds
        ClusterClientFactory.DeployedApplication twoJobs = yarnTargets.deployApplication(applicationModeConfig(),
                userJar, TwoJobsProgram.class.getName(), List.of(base + "/two"));
        ApplicationReport succeeded = awaitApplicationEndOf(twoJobs.applicationId());
        assertEquals(FinalApplicationStatus.SUCCEEDED, succeeded.getFinalApplicationStatus(), succeeded.getDiagnostics());
        List<String> jobIds = jobIdsIn(succeeded.getDiagnostics());
        assertEquals(2, jobIds.size(), succeeded.getDiagnostics());
        assertEquals(twoJobs.jobId(), jobIds.get(0));
        assertEquals("Job 'quick sums' (" + jobIds.get(0) + ") finished; Job 'slow sums' (" + jobIds.get(1) + ") finished",
                succeeded.getDiagnostics());
        CommittedOutput.read(new Path(base + "/two/quick"), hadoop.clientConfiguration())
                .assertExactly(CommittedOutput.runningSumLines(5_000, 3));
        CommittedOutput.read(new Path(base + "/two/slow"), hadoop.clientConfiguration())
                .assertExactly(CommittedOutput.runningSumLines(15_000, 5));

        // a job that finishes, then one that fails: the second decides
        ClusterClientFactory.DeployedApplication failing = yarnTargets.deployApplication(applicationModeConfig(),
                userJar, FailingProgram.class.getName(), List.of(base + "/failing"));
        assertTrue(failing.jobId().matches("[0-9a-f]{32}"), failing.jobId());
        ApplicationReport failed = awaitApplicationEndOf(failing.applicationId());
        assertEquals(FinalApplicationStatus.FAILED, failed.getFinalApplicationStatus());
        List<String> failedIds = jobIdsIn(failed.getDiagnostics());
        assertEquals(failing.jobId(), failedIds.get(0));
        assertTrue(failed.getDiagnostics().startsWith("Job 'finishing part' (" + failing.jobId() + ") finished; Job "
                + "'failing program' (" + failedIds.get(1) + ") failed: ")
                && failed.getDiagnostics().contains("record 500 fails on purpose"), failed.getDiagnostics());
        CommittedOutput.read(new Path(base + "/failing/first"), hadoop.clientConfiguration())
                .assertExactly(CommittedOutput.runningSumLines(1_000, 2));
    }

    @Test
    void applicationModeEndsKilledWhenItsJobIsCancelled() throws Exception {
        ClusterClientFactory.DeployedApplication app = new YarnClusterClientFactory(() -> environment)
                .deployApplication(applicationModeConfig(), userJar, EndlessProgram.class.getName(), List.of());
        RestClient rest = new RestClient(app.restAddress(), Duration.ofSeconds(5), Duration.ofSeconds(10));
        String jobPath = "/jobs/" + app.jobId();
        waitUntil(() -> rest.get(jobPath).path("status").asText().equals("RUNNING"), "the job runs");
        RestClient savepoints = new RestClient(app.restAddress(), Duration.ofSeconds(5), Duration.ofMinutes(2));
        AtomicReference<String> taken = new AtomicReference<>();
        waitUntil(() -> {
            try {
                taken.set(savepoints.post(jobPath + "/savepoints", new byte[0], "application/json")
                        .path("savepoint").asText());
                return true;
            } catch (RestClient.RestClientException e) { // the job runs before all its tasks do
                if (!e.getMessage().contains("not all of its tasks are running")) {
                    throw e;
                }
                return false;
            }
        }, "a savepoint is taken");
        String savepoint = taken.get();
        String defaultDirectory = FileSystem.getDefaultUri(hadoop.clientConfiguration()) + "/eddy/savepoints/";
        assertTrue(savepoint.startsWith(defaultDirectory), "a program in the ApplicationMaster takes its savepoints "
                + "into " + defaultDirectory + " unless it names a directory: " + savepoint);
        rest.post(jobPath + "/cancel", new byte[0], "application/json");
        ApplicationReport killed = awaitApplicationEndOf(app.applicationId());
        assertEquals(FinalApplicationStatus.KILLED, killed.getFinalApplicationStatus(), killed.getDiagnostics());
        assertEquals("Job 'endless' (" + app.jobId() + ") was cancelled", killed.getDiagnostics());
    }

    private static List<String> jobIdsIn(String diagnostics) {
        return java.util.regex.Pattern.compile("\\(([0-9a-f]{32})\\)").matcher(diagnostics).results()
                .map(m -> m.group(1)).toList();
    }

    /** The keyed running sums of 0..n-1 over {@code keys} keys into {@code out}, in one slot. */
    private static void keyedSums(StreamExecutionEnvironment env, long n, long keys, boolean throttled, String out) {
        env.setParallelism(1);
        (throttled ? env.fromSequence(0, n - 1).map(YarnDeploymentITCase::throttle) : env.fromSequence(0, n - 1))
                .map(x -> Tuple2.of(x % keys, x), new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo())
                .keyBy(0).sum(1)
                .map(t -> t.f0 + " " + t.f1)
                .sinkTo(ExactlyOnceFileSink.forRowFormat(out, Encoder.<String>toStringLines()).build());
    }

    /** Application mode: submits a quick and a slow job without waiting for them, and returns. */
    public static final class TwoJobsProgram {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment quick = StreamExecutionEnvironment.getExecutionEnvironment();
            keyedSums(quick, 5_000, 3, false, args[0] + "/quick");
            quick.executeAsync("quick sums");
            StreamExecutionEnvironment slow = StreamExecutionEnvironment.getExecutionEnvironment();
            keyedSums(slow, 15_000, 5, true, args[0] + "/slow");
            slow.executeAsync("slow sums");
        }
    }

    /** Application mode: a job that finishes, then (attached) one that fails. */
    public static final class FailingProgram {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment first = StreamExecutionEnvironment.getExecutionEnvironment();
            keyedSums(first, 1_000, 2, false, args[0] + "/first");
            first.execute("finishing part");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setRestartStrategy(RestartStrategy.none());
            env.fromSequence(0, 999).setParallelism(1).map(YarnDeploymentITCase::failAt500).setParallelism(1)
                    .sinkTo(ExactlyOnceFileSink.forRowFormat(args[0] + "/second", Encoder.<Long>toStringLines()).build())
                    .setParallelism(1);
            env.execute("failing program");
        }
    }

    /** Application mode: one job that runs until it is cancelled. */
    public static final class EndlessProgram {
        public static void main(String[] args) throws Exception {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            endless(env);
            env.execute("endless");
        }
    }

    private static void endless(StreamExecutionEnvironment env) {
        env.fromSequence(0, Long.MAX_VALUE).setParallelism(1).map(YarnDeploymentITCase::throttle).setParallelism(1)
                .filter(x -> x < 0).setParallelism(1).print();
    }

    @Test
    void perJobApplicationsEndWithTheStatusOfTheirJob() throws Exception {
        FileSystem fs = FileSystem.get(hadoop.clientConfiguration());
        Path providedLib = providedLib();
        Configuration config = config();
        config.set(DeploymentOptions.JARS, userJar.toString());
        config.setString("taskmanager.numberOfTaskSlots", "2");
        config.setString(YarnDeploymentOptions.PROVIDED_LIB_DIRS.key(), fs.makeQualified(providedLib).toString());
        io.eddy.api.pipeline.PipelineExecutor perJob = new YarnExecutorFactories.PerJob(() -> environment)
                .getExecutor(config);
        String out = hadoop.defaultFileSystem() + "/per-job/out";

        StreamExecutionEnvironment.initializeContextEnvironment(config, YarnDeploymentITCase.class.getClassLoader(), null,
                perJob);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.fromSequence(0, 9_999).setParallelism(1)
                    .map(x -> Tuple2.of(x % 3, x), new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo()).setParallelism(1)
                    .keyBy(0).sum(1).setParallelism(2)
                    .map(t -> t.f0 + " " + t.f1).setParallelism(2)
                    .sinkTo(ExactlyOnceFileSink.forRowFormat(out, Encoder.<String>toStringLines()).build()).setParallelism(2);
            long submitted = System.nanoTime();
            JobClient finishing = env.executeAsync("per-job sums");
            System.out.printf("FIGURE per-job submission to RUNNING: %.1f s%n", (System.nanoTime() - submitted) / 1e9);
            finishing.getJobExecutionResult().get(3, TimeUnit.MINUTES);
            ApplicationReport finished = awaitApplicationEnd("Eddy per-job: per-job sums");
            assertEquals(FinalApplicationStatus.SUCCEEDED, finished.getFinalApplicationStatus(), finished.getDiagnostics());
            assertEquals("Job 'per-job sums' (" + finishing.getJobId() + ") finished", finished.getDiagnostics());
            assertFalse(fs.exists(new Path(fs.getHomeDirectory(), ".eddy/" + finished.getApplicationId())),
                    "staging directory removed");
            CommittedOutput.read(new Path(out), hadoop.clientConfiguration())
                    .assertExactly(CommittedOutput.runningSumLines(10_000, 3));

            StreamExecutionEnvironment failingEnv = StreamExecutionEnvironment.getExecutionEnvironment();
            failingEnv.setRestartStrategy(RestartStrategy.none());
            failingEnv.fromSequence(0, 999).setParallelism(1).map(YarnDeploymentITCase::failAt500).setParallelism(1)
                    .sinkTo(ExactlyOnceFileSink.forRowFormat(out + "-failing", Encoder.<Long>toStringLines()).build())
                    .setParallelism(1);
            JobClient failing = failingEnv.executeAsync("per-job failure");
            org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> failing.getJobExecutionResult().get(3, TimeUnit.MINUTES));
            ApplicationReport failed = awaitApplicationEnd("Eddy per-job: per-job failure");
            assertEquals(FinalApplicationStatus.FAILED, failed.getFinalApplicationStatus());
            assertTrue(failed.getDiagnostics().startsWith("Job 'per-job failure' (" + failing.getJobId() + ") failed: ")
                    && failed.getDiagnostics().contains("record 500 fails on purpose"), failed.getDiagnostics());

            StreamExecutionEnvironment endlessEnv = StreamExecutionEnvironment.getExecutionEnvironment();
            endless(endlessEnv);
            JobClient cancelled = endlessEnv.executeAsync("per-job cancelled");
            cancelled.cancel().get(1, TimeUnit.MINUTES);
            ApplicationReport killed = awaitApplicationEnd("Eddy per-job: per-job cancelled");
            assertEquals(FinalApplicationStatus.KILLED, killed.getFinalApplicationStatus(), killed.getDiagnostics());
            assertEquals("Job 'per-job cancelled' (" + cancelled.getJobId() + ") was cancelled", killed.getDiagnostics());
        } finally {
            StreamExecutionEnvironment.resetContextEnvironment();
        }
    }

    static long failAt500(long x) {
        if (x == 500) {
            throw new IllegalStateException("record 500 fails on purpose");
        }
        return x;
    }

    private static ApplicationReport awaitApplicationEnd(String name) throws Exception {
        return awaitApplicationEnd(r -> r.getName().equals(name), "application '" + name + "' ends");
    }

    private static ApplicationReport awaitApplicationEndOf(String applicationId) throws Exception {
        return awaitApplicationEnd(r -> r.getApplicationId().toString().equals(applicationId),
                "application " + applicationId + " ends");
    }

    private static ApplicationReport awaitApplicationEnd(java.util.function.Predicate<ApplicationReport> which,
            String what) throws Exception {
        ApplicationReport[] report = new ApplicationReport[1];
        waitUntil(() -> {
            for (ApplicationReport r : yarn.getApplications(EnumSet.allOf(YarnApplicationState.class))) {
                if (which.test(r) && EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED,
                        YarnApplicationState.KILLED).contains(r.getYarnApplicationState())) {
                    report[0] = r;
                    return true;
                }
            }
            return false;
        }, what);
        return report[0];
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitUntil(Condition condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (!condition.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
