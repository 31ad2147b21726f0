package io.eddy.runtime.cluster;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.DeploymentOptions;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.execution.RestartStrategyOptions;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.Types;
import io.eddy.testutils.checkpoint.InMemoryCheckpointStorageFactory;
import io.eddy.runtime.checkpoint.RecordingSink;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.resourcemanager.ResourceEventHandler;
import io.eddy.runtime.resourcemanager.ResourceManagerDriver;
import io.eddy.runtime.resourcemanager.ResourceManagerDriver.ApplicationStatus;
import io.eddy.runtime.resourcemanager.ResourceManagerOptions;
import io.eddy.runtime.resourcemanager.WorkerId;
import io.eddy.runtime.resourcemanager.WorkerResourceSpec;
import io.eddy.runtime.rest.RestOptions;
import io.eddy.runtime.rpc.RpcOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarOutputStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JobManager and TaskManagers talking over real RPC, REST and data connections on loopback (in
 * this JVM; the multi-process tests start them as processes).
 */
class StandaloneClusterTest {
    @TempDir
    Path dir;

    private JobManagerProcess jobManager;
    private final List<TaskManagerProcess> taskManagers = new ArrayList<>();
    private final InProcessDriver driver = new InProcessDriver();

    private Configuration config() {
        Configuration config = new Configuration();
        config.set(RpcOptions.CLUSTER_SECRET, "test-secret");
        config.set(ClusterOptions.JOBMANAGER_PORT, 0);
        config.set(RestOptions.PORT, 0);
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(ClusterOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(100));
        config.set(ClusterOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(10));
        config.set(ResourceManagerOptions.SLOT_REQUEST_TIMEOUT, Duration.ofMillis(500));
        return config;
    }

    private void startCluster(int taskManagerCount, int slots) throws Exception {
        jobManager = new JobManagerProcess(config());
        jobManager.start();
        startTaskManagers(taskManagerCount, slots);
        awaitFreeSlots(taskManagerCount * slots);
    }

    private void startTaskManagers(int taskManagerCount, int slots) throws Exception {
        for (int i = 0; i < taskManagerCount; i++) {
            Configuration tm = config();
            tm.set(ClusterOptions.JOBMANAGER_PORT, jobManager.rpcPort());
            tm.set(ClusterOptions.JOBMANAGER_ADDRESS, "127.0.0.1");
            tm.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
            TaskManagerProcess process = new TaskManagerProcess(tm);
            process.start();
            taskManagers.add(process);
        }
    }

    private void awaitFreeSlots(int slots) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (jobManager.jobManager().getFreeSlots() < slots) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Expected " + slots + " free slots, have " + jobManager.jobManager().getFreeSlots()
                        + "; TaskManagers: " + jobManager.jobManager().getTaskManagers().stream()
                                .map(tm -> tm.getId()).toList());
            }
            Thread.sleep(10);
        }
    }

    @AfterEach
    void stop() {
        taskManagers.forEach(TaskManagerProcess::close);
        driver.workers.values().forEach(TaskManagerProcess::close);
        if (jobManager != null) {
            jobManager.close();
        }
    }

    private StreamExecutionEnvironment remoteEnv(int parallelism) throws Exception {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(remoteConfig(),
                StandaloneClusterTest.class.getClassLoader()) {};
        env.setParallelism(parallelism);
        return env;
    }

    private Configuration remoteConfig() throws Exception {
        Path jar = dir.resolve("job.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream empty = new JarOutputStream(out)) {
            // the test's classes are on the cluster's classpath already; the jar only has to exist
        }
        Configuration client = new Configuration();
        client.set(DeploymentOptions.TARGET, "remote");
        client.set(DeploymentOptions.JARS, jar.toString());
        client.set(RestOptions.ADDRESS, "127.0.0.1");
        client.set(RestOptions.PORT, jobManager.restPort());
        return client;
    }

    private List<String> readParts(Path output) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.toList()) {
                lines.addAll(Files.readAllLines(part));
            }
        }
        return lines;
    }

    /** A job submitted before any TaskManager registered waits for its slots and runs once they come, once. */
    @Test
    void aJobSubmittedBeforeItsTaskManagersRegisterRunsOnceTheyDo() throws Exception {
        Configuration config = config();
        config.set(ResourceManagerOptions.SLOT_REQUEST_TIMEOUT, Duration.ofMinutes(1));
        jobManager = new JobManagerProcess(config);
        jobManager.start();
        Path output = dir.resolve("early");
        StreamExecutionEnvironment env = remoteEnv(4);
        env.fromSequence(1, 1000).map(x -> x * 2).writeAsText(output.toString());
        JobClient client = env.executeAsync("early");

        JobMaster job = jobManager.jobManager().getJob(client.getJobId());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (job.getStatus() == JobStatus.CREATED && System.nanoTime() < deadline) {
            Thread.sleep(10); // the job starts on its JobMaster's main thread
        }
        assertEquals(JobStatus.RUNNING, job.getStatus());
        job.details().vertices().forEach(v -> v.subtasks().forEach(s -> {
            assertEquals("DEPLOYING", s.status(), "subtask " + s.index() + " of " + v.name() + " waits for a slot");
            assertEquals("", s.taskManager(), "subtask " + s.index() + " of " + v.name() + " is on no TaskManager");
        }));

        startTaskManagers(2, 2);
        client.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        assertEquals(LongStream.rangeClosed(1, 1000).map(x -> x * 2).sorted().boxed().toList(),
                readParts(output).stream().map(Long::parseLong).sorted().toList());
        assertEquals(0, job.getNumberOfRestarts());
        assertEquals(2, job.details().vertices().get(0).subtasks().stream().map(s -> s.taskManager()).distinct()
                .count(), "the subtasks spread over both TaskManagers");
    }

    @Test
    void keyedJobAcrossTwoTaskManagersHasExactResults() throws Exception {
        startCluster(2, 2);
        Path output = dir.resolve("out");
        StreamExecutionEnvironment env = remoteEnv(4);
        env.fromSequence(0, 9_999)
                .map(i -> Tuple2.of(i % 10, i), new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo())
                .keyBy(0)
                .sum(1)
                .map(t -> t.f0 + " " + t.f1)
                .writeAsText(output.toString());
        env.execute("standalone sums");

        Map<Long, Long> finalSums = new TreeMap<>();
        for (String line : readParts(output)) {
            String[] kv = line.split(" ");
            finalSums.merge(Long.parseLong(kv[0]), Long.parseLong(kv[1]), Math::max);
        }
        Map<Long, Long> expected = new TreeMap<>();
        for (long i = 0; i < 10_000; i++) {
            expected.merge(i % 10, i, Long::sum);
        }
        assertEquals(expected, finalSums);
        assertEquals(10_000, readParts(output).size());

        // closed processes leave no jar directories behind in the temp folder
        List<Path> jarDirectories = new ArrayList<>();
        taskManagers.forEach(tm -> jarDirectories.add(tm.jarDirectory()));
        jarDirectories.add(jobManager.jarDirectory());
        assertTrue(jarDirectories.stream().allMatch(Files::isDirectory), jarDirectories.toString());
        taskManagers.forEach(TaskManagerProcess::close);
        taskManagers.clear();
        jobManager.close();
        jobManager = null;
        for (Path jars : jarDirectories) {
            assertFalse(Files.exists(jars), jars + " left behind");
        }
    }

    /**
     * A DataSet job at parallelism 4 on two TaskManagers of one slot each: it runs stage by stage, and
     * the second stage reads the first stage's blocking results from both TaskManagers, over Netty
     * from the other one.
     */
    @Test
    void batchJobRunsStageByStageReadingBlockingResultsAcrossTaskManagers() throws Exception {
        startCluster(2, 1);
        Path output = dir.resolve("batch-out");
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(remoteConfig()).setParallelism(4);
        env.generateSequence(0, 99_999)
                .map(i -> Tuple2.of(i % 10, i)).returns(Types.TUPLE(Types.LONG, Types.LONG))
                .groupBy(0).sum(1)
                .map(t -> t.f0 + " " + t.f1).returns(Types.STRING)
                .writeAsText(output.toString());
        env.execute("standalone batch sums");

        Map<Long, Long> sums = new TreeMap<>();
        for (String line : readParts(output)) {
            String[] kv = line.split(" ");
            assertEquals(null, sums.put(Long.parseLong(kv[0]), Long.parseLong(kv[1])), "key " + kv[0] + " twice");
        }
        Map<Long, Long> expected = new TreeMap<>();
        for (long i = 0; i < 100_000; i++) {
            expected.merge(i % 10, i, Long::sum);
        }
        assertEquals(expected, sums);
    }

    /** What the batch stages did: "first 2 #0", "second 1 #1", ... */
    private static final List<String> STAGE_EVENTS = new CopyOnWriteArrayList<>();
    /** Lets the second stage's first attempts go on. */
    private static volatile CountDownLatch releaseSecondStage = new CountDownLatch(1);

    static final class RecordingFirstStage extends RichMapFunction<Long, Tuple2<Long, Long>> {
        @Override
        public void open(OpenContext context) {
            STAGE_EVENTS.add("first " + getRuntimeContext().getIndexOfThisSubtask() + " #"
                    + getRuntimeContext().getAttemptNumber());
        }

        @Override
        public Tuple2<Long, Long> map(Long i) {
            return Tuple2.of(i % 10, i);
        }
    }

    static final class BlockingSecondStage extends RichMapFunction<Tuple2<Long, Long>, String> {
        @Override
        public void open(OpenContext context) {
            STAGE_EVENTS.add("second " + getRuntimeContext().getIndexOfThisSubtask() + " #"
                    + getRuntimeContext().getAttemptNumber());
        }

        @Override
        public String map(Tuple2<Long, Long> sum) throws InterruptedException {
            if (getRuntimeContext().getAttemptNumber() == 0) {
                releaseSecondStage.await();
            }
            return sum.f0 + " " + sum.f1;
        }
    }

    /**
     * A TaskManager that ran first-stage subtasks of a batch job goes away while the second stage
     * reads their results: those first-stage subtasks run again on the other TaskManagers, the
     * others do not, and the job's results are exact.
     */
    @Test
    void batchJobRecomputesOnlyTheResultsALostTaskManagerHeld() throws Exception {
        startCluster(3, 1);
        STAGE_EVENTS.clear();
        releaseSecondStage = new CountDownLatch(1);
        Path output = dir.resolve("batch-lost");
        Configuration config = remoteConfig();
        config.set(RestartStrategyOptions.STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.ATTEMPTS, 5);
        config.set(RestartStrategyOptions.DELAY, Duration.ZERO);
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(4);
        env.generateSequence(0, 99_999).map(new RecordingFirstStage())
                .groupBy(0).sum(1)
                .map(new BlockingSecondStage())
                .writeAsText(output.toString());
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try {
                env.execute("batch with a lost TaskManager");
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        long deadline = System.currentTimeMillis() + 30_000;
        while (STAGE_EVENTS.stream().filter(e -> e.startsWith("second")).count() < 3) {
            assertTrue(System.currentTimeMillis() < deadline, "the second stage did not start: " + STAGE_EVENTS);
            Thread.sleep(10);
        }
        taskManagers.remove(0).close();
        JobMaster job = jobManager.jobManager().getJobs().iterator().next();
        while (job.getNumberOfRestarts() == 0) {
            assertTrue(System.currentTimeMillis() < deadline, "no restart after the TaskManager was lost");
            Thread.sleep(10);
        }
        releaseSecondStage.countDown();
        done.get(60, TimeUnit.SECONDS);

        Map<Long, Long> sums = new TreeMap<>();
        for (String line : readParts(output)) {
            String[] kv = line.split(" ");
            assertEquals(null, sums.put(Long.parseLong(kv[0]), Long.parseLong(kv[1])), "key " + kv[0] + " twice");
        }
        Map<Long, Long> expected = new TreeMap<>();
        for (long i = 0; i < 100_000; i++) {
            expected.merge(i % 10, i, Long::sum);
        }
        assertEquals(expected, sums);
        List<String> firstStage = STAGE_EVENTS.stream().filter(e -> e.startsWith("first")).toList();
        long once = firstStage.stream().filter(e -> e.endsWith("#0")).count();
        assertEquals(4, once, firstStage.toString());
        // the results on the lost TaskManager were computed again, those on the other two were kept
        assertTrue(firstStage.size() > 4 && firstStage.size() < 8, firstStage.toString());
    }

    /**
     * Over RPC the tasks report FINISHING and take the final checkpoint triggered on each of them:
     * a two-phase-commit sink's last transactions are committed with it and the job finishes.
     */
    @Test
    void boundedJobWithCheckpointsCommitsEverythingWithTheFinalCheckpoint() throws Exception {
        startCluster(2, 2);
        RecordingSink.reset("standalone");
        StreamExecutionEnvironment env = remoteEnv(4);
        env.enableCheckpointing(50);
        env.getCheckpointConfig().setCheckpointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY);
        env.fromSequence(0, 9_999)
                .keyBy(i -> i % 10, Types.LONG)
                .map(i -> i * 2).returns(Types.LONG)
                .sinkTo(new RecordingSink<>("standalone"));
        JobClient client = env.executeAsync("standalone final checkpoint");
        client.getJobExecutionResult().get(60, TimeUnit.SECONDS);

        List<Long> committed = new ArrayList<>();
        RecordingSink.committed("standalone").forEach(x -> committed.add((Long) x));
        committed.sort(null);
        assertEquals(LongStream.range(0, 10_000).map(i -> i * 2).boxed().toList(), committed);
        assertTrue(jobManager.jobManager().getJob(client.getJobId()).getCheckpointCoordinator()
                .numberOfCompletedCheckpoints() > 0);
    }

    /**
     * Over RPC, a checkpoint completes while a task waits FINISHING: the bounded source is triggered
     * directly (its trigger carries the checkpoint's options), the sink aligns with its ended
     * channel, and the two-phase-commit sink commits the bounded output while the job runs on.
     */
    @Test
    void checkpointsCompleteWhileABoundedSourceIsFinishing() throws Exception {
        startCluster(2, 2);
        String sink = "standalone-partly-finished";
        RecordingSink.reset(sink);
        StreamExecutionEnvironment env = remoteEnv(2);
        env.enableCheckpointing(50);
        env.getCheckpointConfig().setCheckpointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY);
        var bounded = env.fromSequence(1, 1_000).map(i -> -i).returns(Types.LONG).name("bounded");
        var unbounded = env.fromSequence(0, Long.MAX_VALUE).map(StandaloneClusterTest::counted).returns(Types.LONG);
        bounded.union(unbounded).keyBy(i -> i % 10, Types.LONG)
                .map(i -> i).returns(Types.LONG)
                .sinkTo(new RecordingSink<>(sink));
        JobClient client = env.executeAsync("partly finished");
        JobMaster job = jobManager.jobManager().getJob(client.getJobId());
        long deadline = System.currentTimeMillis() + 60_000;
        while (RecordingSink.committed(sink).stream().filter(x -> (Long) x < 0).count() < 1_000) {
            assertTrue(System.currentTimeMillis() < deadline, "the bounded output was not committed");
            Thread.sleep(10);
        }
        assertEquals(JobStatus.RUNNING, job.getStatus());
        assertEquals("FINISHING", job.details().vertices().stream().filter(v -> v.name().contains("bounded"))
                .findFirst().orElseThrow().status());
        List<Long> negative = new ArrayList<>();
        RecordingSink.committed(sink).forEach(x -> {
            if ((Long) x < 0) {
                negative.add((Long) x);
            }
        });
        negative.sort(null);
        assertEquals(LongStream.rangeClosed(-1_000, -1).boxed().toList(), negative);
        job.cancel();
        assertThrows(ExecutionException.class, () -> client.getJobExecutionResult().get(60, TimeUnit.SECONDS));
    }

    static final AtomicLong EMITTED = new AtomicLong();

    static long counted(long x) throws InterruptedException {
        Thread.sleep(1);
        EMITTED.incrementAndGet();
        return x;
    }

    /**
     * Stop with a savepoint over RPC, with and without drain: the job finishes, and exactly the
     * records that left the sources are committed by the two-phase-commit sink, with the savepoint.
     */
    @ParameterizedTest(name = "drain {0}")
    @ValueSource(booleans = {false, true})
    void stopWithSavepointCommitsExactlyWhatTheSourcesEmitted(boolean drain) throws Exception {
        startCluster(2, 2);
        String sink = "standalone-stop-" + drain;
        RecordingSink.reset(sink);
        EMITTED.set(0);
        StreamExecutionEnvironment env = remoteEnv(4);
        env.getCheckpointConfig().setSavepointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY + "savepoints");
        env.fromSequence(0, Long.MAX_VALUE).map(StandaloneClusterTest::counted).returns(Types.LONG)
                .keyBy(i -> i % 10, Types.LONG)
                .map(i -> i).returns(Types.LONG)
                .sinkTo(new RecordingSink<>(sink));
        JobClient client = env.executeAsync("stopped");
        while (EMITTED.get() < 100) {
            Thread.sleep(10);
        }
        JobMaster job = jobManager.jobManager().getJob(client.getJobId());
        String savepoint = null;
        while (savepoint == null) {
            try {
                savepoint = job.stopWithSavepoint(null, drain).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // every task must be running; the last ones may not have said so over RPC yet
                if (!e.getCause().getMessage().contains("not all of its tasks are running")) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
        client.getJobExecutionResult().get(60, TimeUnit.SECONDS);

        assertEquals(JobStatus.FINISHED, job.getStatus());
        InMemoryCheckpointStorageFactory.STORAGE.readMetadata(savepoint);
        List<Object> committed = RecordingSink.committed(sink);
        assertEquals(EMITTED.get(), committed.size());
        assertEquals(committed.size(), new HashSet<>(committed).size(), "each record committed once");
    }

    @Test
    void aLostTaskManagerFailsItsJobNamingItAndTheClusterTakesTheNextJob() throws Exception {
        startCluster(1, 2);
        StreamExecutionEnvironment env = remoteEnv(2);
        env.fromSequence(0, Long.MAX_VALUE).map(StandaloneClusterTest::slowly).print();
        JobClient running = env.executeAsync("endless");
        while (running.getJobDetails().get().vertices().get(0).operators().get(0).recordsOut() == 0) {
            Thread.sleep(20);
        }
        TaskManagerProcess victim = taskManagers.remove(0);
        victim.close();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> running.getJobExecutionResult().get(30, TimeUnit.SECONDS));
        JobExecutionException jobFailure = (JobExecutionException) failure.getCause();
        assertEquals(JobStatus.FAILED, jobFailure.getStatus());
        assertTrue(jobFailure.getMessage().contains(victim.id()), jobFailure.getMessage());

        Configuration tm = config();
        tm.set(ClusterOptions.JOBMANAGER_PORT, jobManager.rpcPort());
        tm.set(ClusterOptions.JOBMANAGER_ADDRESS, "127.0.0.1");
        tm.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        TaskManagerProcess replacement = new TaskManagerProcess(tm);
        replacement.start();
        taskManagers.add(replacement);
        awaitFreeSlots(2);
        Path output = dir.resolve("after");
        StreamExecutionEnvironment next = remoteEnv(2);
        next.fromSequence(1, 100).map(x -> x * 2).writeAsText(output.toString());
        next.execute("after the loss");
        assertEquals(100, readParts(output).size());
    }

    /**
     * Restarts wait for slots for the lost TaskManager's subtasks; each wait that ends without them
     * (slot.request.timeout) counts as an attempt, until the last.
     */
    @Test
    void aJobThatLostItsTaskManagerFailsItsRestartsWhenNoSlotIsFree() throws Exception {
        startCluster(1, 2);
        StreamExecutionEnvironment env = remoteEnv(2);
        env.setRestartStrategy(RestartStrategy.fixedDelay(3, 10));
        env.fromSequence(0, Long.MAX_VALUE).map(StandaloneClusterTest::slowly).print();
        JobClient running = env.executeAsync("endless");
        while (running.getJobDetails().get().vertices().get(0).operators().get(0).recordsOut() == 0) {
            Thread.sleep(20);
        }
        taskManagers.remove(0).close();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> running.getJobExecutionResult().get(30, TimeUnit.SECONDS));
        assertEquals("Job 'endless' cannot restart, 2 of its slots were on lost TaskManagers: the cluster has 0 free"
                + " of 0 (0 TaskManager(s)) after waiting 500 ms ('slot.request.timeout'). Start TaskManagers; the"
                + " restart strategy decides how often the job tries again.",
                failure.getCause().getCause().getMessage());
        assertEquals(3, jobManager.jobManager().getJob(running.getJobId()).getNumberOfRestarts());
    }

    @Test
    void taskManagersDropTheirTasksWhenTheJobManagerIsLostAndRegisterWithTheNextOne() throws Exception {
        int rpcPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            rpcPort = probe.getLocalPort();
        }
        Configuration jmConfig = config();
        jmConfig.set(ClusterOptions.JOBMANAGER_PORT, rpcPort);
        jobManager = new JobManagerProcess(jmConfig);
        jobManager.start();
        Configuration tm = config();
        tm.set(ClusterOptions.JOBMANAGER_PORT, rpcPort);
        tm.set(ClusterOptions.JOBMANAGER_ADDRESS, "127.0.0.1");
        tm.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        TaskManagerProcess taskManager = new TaskManagerProcess(tm);
        taskManager.start();
        taskManagers.add(taskManager);
        awaitFreeSlots(2);

        StreamExecutionEnvironment env = remoteEnv(2);
        env.fromSequence(0, Long.MAX_VALUE).map(StandaloneClusterTest::slowly).print();
        JobClient running = env.executeAsync("orphaned");
        while (running.getJobDetails().get().vertices().get(0).operators().get(0).recordsOut() == 0) {
            Thread.sleep(20);
        }
        jobManager.close();
        long deadline = System.currentTimeMillis() + 30_000;
        while (taskManager.isRegistered() || taskManager.runningTasks() > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the TaskManager did not notice the lost JobManager");
            Thread.sleep(20);
        }

        jobManager = new JobManagerProcess(jmConfig);
        jobManager.start();
        awaitFreeSlots(2);
        // the JobManager counts the slots before the TaskManager has read its answer
        deadline = System.currentTimeMillis() + 10_000;
        while (!taskManager.isRegistered()) {
            assertTrue(System.currentTimeMillis() < deadline, "the TaskManager did not register again");
            Thread.sleep(20);
        }
        Path output = dir.resolve("after");
        StreamExecutionEnvironment next = remoteEnv(2);
        next.fromSequence(1, 50).map(x -> x + 1).writeAsText(output.toString());
        next.execute("with the new JobManager");
        assertEquals(50, readParts(output).size());
    }

    /** A JobManager whose ResourceManager starts its TaskManagers through {@link #driver}. */
    private void startClusterWithDriver(Configuration config) throws Exception {
        jobManager = new JobManagerProcess(config, driver);
        jobManager.start();
    }

    @Test
    void theDriverStartsTheWorkersAJobNeedsAndReleasesThemWhenIdle() throws Exception {
        Configuration config = config();
        config.set(ResourceManagerOptions.SLOT_REQUEST_TIMEOUT, Duration.ofMinutes(1));
        config.set(ResourceManagerOptions.TASKMANAGER_TIMEOUT, Duration.ofMillis(200));
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        config.set(TaskManagerOptions.PROCESS_MEMORY, MemorySize.parse("512m"));
        startClusterWithDriver(config);
        Path output = dir.resolve("out");
        StreamExecutionEnvironment env = remoteEnv(4);
        env.fromSequence(1, 1000).map(x -> x + 1).writeAsText(output.toString());
        env.execute("on demand");

        assertEquals(LongStream.rangeClosed(2, 1001).boxed().toList(),
                readParts(output).stream().map(Long::parseLong).sorted().toList());
        WorkerResourceSpec spec = new WorkerResourceSpec(512L << 20, 2, 2);
        assertEquals(List.of(spec, spec), driver.specs);
        while (driver.released.size() < 2) {
            Thread.sleep(10);
        }
        assertEquals(Set.of(new WorkerId("worker-1"), new WorkerId("worker-2")), Set.copyOf(driver.released));
    }

    @Test
    void aTerminatedWorkerFailsOverItsJobWhichRestartsOnAReplacementWorker() throws Exception {
        Configuration config = config();
        config.set(ResourceManagerOptions.SLOT_REQUEST_TIMEOUT, Duration.ofMinutes(1));
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        startClusterWithDriver(config);
        StreamExecutionEnvironment env = remoteEnv(2);
        env.setRestartStrategy(RestartStrategy.fixedDelay(3, 10));
        env.fromSequence(0, Long.MAX_VALUE).map(StandaloneClusterTest::slowly).print();
        JobClient running = env.executeAsync("endless");
        while (running.getJobDetails().get().vertices().get(0).operators().get(0).recordsOut() == 0) {
            Thread.sleep(20);
        }

        driver.terminate("worker-1", "container killed by the test");
        JobMaster job = jobManager.jobManager().getJob(running.getJobId());
        while (!allRunningOn(job, "worker-2")) {
            Thread.sleep(20);
        }
        assertEquals(1, job.getNumberOfRestarts());
        assertTrue(job.getFailureCause().getMessage().contains("TaskManager worker-1"), job.getFailureCause().getMessage());
        assertTrue(job.getFailureCause().getMessage().contains("container killed by the test"),
                job.getFailureCause().getMessage());
        running.cancel().get();
    }

    private static boolean allRunningOn(JobMaster job, String taskManager) {
        return job.getStatus() == JobStatus.RUNNING && job.details().vertices().stream()
                .flatMap(v -> v.subtasks().stream())
                .allMatch(s -> s.status().equals("RUNNING") && s.taskManager().equals(taskManager));
    }

    @Test
    void aPerJobClusterEndsWithItsJobAndDeregistersWithTheJobsFinalStatus() throws Exception {
        Configuration config = config();
        config.set(ResourceManagerOptions.SLOT_REQUEST_TIMEOUT, Duration.ofMinutes(1));
        startClusterWithDriver(config);
        StreamExecutionEnvironment env = remoteEnv(1);
        env.fromSequence(1, 10).map(x -> x).writeAsText(dir.resolve("out").toString());
        JobClient job = env.executeAsync("per job");
        jobManager.shutDownAfterJobs(List.of(job.getJobId()));

        assertEquals(ApplicationStatus.SUCCEEDED, jobManager.terminationFuture().get(60, TimeUnit.SECONDS));
        assertEquals(List.of("SUCCEEDED: Job 'per job' (" + job.getJobId() + ") finished"), driver.deregistered);
    }

    @Test
    void aClusterEndingWithSeveralJobsWaitsForAllAndTakesTheWorstFinalStatus() throws Exception {
        Configuration config = config();
        config.set(ResourceManagerOptions.SLOT_REQUEST_TIMEOUT, Duration.ofMinutes(1));
        startClusterWithDriver(config);
        StreamExecutionEnvironment endlessEnv = remoteEnv(1);
        endlessEnv.fromSequence(0, Long.MAX_VALUE).map(StandaloneClusterTest::slowly).print();
        JobClient endless = endlessEnv.executeAsync("endless");
        StreamExecutionEnvironment env = remoteEnv(1);
        env.fromSequence(1, 10).map(x -> x).writeAsText(dir.resolve("out").toString());
        JobClient finishing = env.executeAsync("finishing");
        jobManager.shutDownAfterJobs(List.of(finishing.getJobId(), endless.getJobId()));

        finishing.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        endless.cancel().get(60, TimeUnit.SECONDS);
        assertEquals(ApplicationStatus.KILLED, jobManager.terminationFuture().get(60, TimeUnit.SECONDS));
        assertEquals(List.of("KILLED: Job 'finishing' (" + finishing.getJobId() + ") finished; Job 'endless' ("
                + endless.getJobId() + ") was cancelled"), driver.deregistered);
    }

    /**
     * Starts each requested worker as a TaskManager in this JVM that registers under the worker's id,
     * as YARN's driver starts one per container; the test terminates them.
     */
    private final class InProcessDriver implements ResourceManagerDriver {
        final Map<WorkerId, TaskManagerProcess> workers = new ConcurrentHashMap<>();
        final List<WorkerResourceSpec> specs = new CopyOnWriteArrayList<>();
        final List<WorkerId> released = new CopyOnWriteArrayList<>();
        final List<String> deregistered = new CopyOnWriteArrayList<>();
        private final AtomicInteger started = new AtomicInteger();
        private volatile ResourceEventHandler handler;
        private volatile Executor mainThread;

        @Override
        public void initialize(ResourceEventHandler handler, Executor mainThread) {
            this.handler = handler;
            this.mainThread = mainThread;
        }

        @Override
        public CompletableFuture<WorkerId> requestWorker(WorkerResourceSpec spec) {
            specs.add(spec);
            WorkerId id = new WorkerId("worker-" + started.incrementAndGet());
            return CompletableFuture.supplyAsync(() -> {
                Configuration tm = config();
                tm.set(ClusterOptions.JOBMANAGER_PORT, jobManager.rpcPort());
                tm.set(ClusterOptions.JOBMANAGER_ADDRESS, "127.0.0.1");
                tm.set(TaskManagerOptions.NUM_TASK_SLOTS, spec.slots());
                tm.set(TaskManagerOptions.RESOURCE_ID, id.value());
                try {
                    TaskManagerProcess process = new TaskManagerProcess(tm);
                    process.start();
                    workers.put(id, process);
                    return id;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
        }

        /** Reports the worker terminated, then stops it (so its lost connection comes second). */
        void terminate(String id, String diagnostics) {
            CompletableFuture.runAsync(() -> handler.onWorkerTerminated(new WorkerId(id), diagnostics), mainThread)
                    .join();
            workers.remove(new WorkerId(id)).close();
        }

        @Override
        public void releaseWorker(WorkerId worker) {
            released.add(worker);
            workers.remove(worker).close();
        }

        @Override
        public void deregisterApplication(ApplicationStatus status, String diagnostics) {
            deregistered.add(status + ": " + diagnostics);
        }

        @Override
        public void close() {}
    }

    static long slowly(long x) throws InterruptedException {
        Thread.sleep(1);
        return x;
    }
}
