package io.eddy.runtime.scheduler;

import io.eddy.api.config.Configuration;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.RestartStrategyOptions;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.jobgraph.ExchangeMode;
import io.eddy.runtime.jobgraph.JobEdge;
import io.eddy.runtime.jobgraph.JobGraph;
import io.eddy.runtime.jobgraph.JobVertex;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.minicluster.LocalExecutorFactory;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.resourcemanager.ResourceManagerOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A two-stage DataSet job (a map with a combiner, then a hash shuffle into a sorted reduce and a
 * map) at parallelism 4 on an embedded cluster of two TaskManagers with one slot each: the shuffle
 * is a blocking exchange, so the job runs region by region in the two slots. Every run is checked
 * record for record, the order of the subtasks' lives is recorded, and the spill directory (where
 * the blocking results are written) must be empty once the job ended, however it ended.
 */
class RegionSchedulingITCase {
    private static final int PARALLELISM = 4;
    private static final int SLOTS = 2;
    private static final long N = 40_000;
    private static final long KEYS = 100;

    /** What the subtasks did, in order: "open first 2 #0", "close second 1 #1", ... */
    private static final List<String> EVENTS = new ArrayList<>();
    private static final AtomicInteger RUNNING_FIRST = new AtomicInteger();
    private static final AtomicInteger MAX_RUNNING_FIRST = new AtomicInteger();
    /** Lets the second stage's first attempts go on ("block-first-attempt"). */
    private static volatile CountDownLatch releaseBlocked = new CountDownLatch(1);
    /**
     * How the second stage behaves: "pass", "fail-once" (subtask 1, first attempt), "fail-always",
     * "block" (until cancelled) or "block-first-attempt" (until {@link #releaseBlocked}).
     */
    private static volatile String secondStage = "pass";

    @TempDir
    Path spillDir;
    private MiniCluster cluster;

    @BeforeEach
    void startCluster() {
        synchronized (EVENTS) {
            EVENTS.clear();
        }
        RUNNING_FIRST.set(0);
        MAX_RUNNING_FIRST.set(0);
        secondStage = "pass";
        releaseBlocked = new CountDownLatch(1);
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, SLOTS);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        // were all subtasks deployed at once, the job would wait for 4 slots and fail after this
        config.set(ResourceManagerOptions.SLOT_REQUEST_TIMEOUT, Duration.ofSeconds(10));
        cluster = new MiniCluster(config);
        LocalExecutorFactory.useSharedCluster(cluster);
    }

    @AfterEach
    void stopCluster() {
        LocalExecutorFactory.useSharedCluster(null);
        cluster.close();
    }

    private static ExecutionEnvironment env(int restartAttempts) {
        Configuration config = new Configuration();
        if (restartAttempts > 0) {
            config.set(RestartStrategyOptions.STRATEGY, "fixed-delay");
            config.set(RestartStrategyOptions.ATTEMPTS, restartAttempts);
            config.set(RestartStrategyOptions.DELAY, Duration.ZERO);
        }
        return ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(PARALLELISM);
    }

    /** (i mod 100, i) summed per key, then passed through the second stage's map. */
    private static DataSet<Tuple2<Long, Long>> program(ExecutionEnvironment env) {
        return env.generateSequence(0, N - 1).map(new FirstStage()).groupBy(0).sum(1).map(new SecondStage());
    }

    private static Map<Long, Long> expected() {
        Map<Long, Long> sums = new TreeMap<>();
        for (long i = 0; i < N; i++) {
            sums.merge(i % KEYS, i, Long::sum);
        }
        return sums;
    }

    private static Map<Long, Long> asMap(List<Tuple2<Long, Long>> rows) {
        Map<Long, Long> result = new TreeMap<>();
        for (Tuple2<Long, Long> row : rows) {
            assertEquals(null, result.put(row.f0, row.f1), "key " + row.f0 + " emitted twice");
        }
        return result;
    }

    @Test
    void moreSubtasksThanSlotsRunStageByStage() throws Exception {
        assertEquals(expected(), asMap(program(env(0)).collect()));

        List<String> events = events();
        int lastFirstClose = lastIndexOf(events, "close first");
        int firstSecondOpen = firstIndexOf(events, "open second");
        assertTrue(lastFirstClose < firstSecondOpen, "the second stage started before the first ended: " + events);
        assertTrue(MAX_RUNNING_FIRST.get() <= SLOTS, MAX_RUNNING_FIRST.get() + " subtasks ran in " + SLOTS + " slots");
        assertEquals(PARALLELISM, count(events, "open first"));
        assertEquals(PARALLELISM, count(events, "open second"));
        JobMaster job = onlyJob();
        assertTrue(PipelinedRegions.hasBlockingEdges(job.getJobGraph()));
        assertEquals(0, job.getNumberOfRestarts());
        assertSpillDirectoryEmpty();
    }

    @Test
    void aFailureInTheSecondStageRestartsOnlyItsRegion() throws Exception {
        secondStage = "fail-once";
        assertEquals(expected(), asMap(program(env(2)).collect()));

        List<String> events = events();
        // the first stage ran once: its blocking results were read again by the restarted subtask
        assertEquals(List.of("open first 0 #0", "open first 1 #0", "open first 2 #0", "open first 3 #0"),
                events.stream().filter(e -> e.startsWith("open first")).sorted().toList());
        // of the second stage only subtask 1 ran again, as attempt 1
        assertEquals(List.of("open second 0 #0", "open second 1 #0", "open second 1 #1", "open second 2 #0",
                "open second 3 #0"), events.stream().filter(e -> e.startsWith("open second")).sorted().toList());
        assertEquals(1, onlyJob().getNumberOfRestarts());
        assertSpillDirectoryEmpty();
    }

    @Test
    void aDataSetJoinedWithItselfReadsBothSidesFromBlockingResults() throws Exception {
        ExecutionEnvironment env = env(0);
        DataSet<Tuple2<Long, Long>> rows = env.generateSequence(0, N - 1).map(new FirstStage());
        List<Long> joined = rows.join(rows).where(1).equalTo(1)
                .with((JoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Long>) (l, r) -> l.f1 + r.f1)
                .collect();
        assertEquals(N, joined.size());
        assertEquals(N * (N - 1), joined.stream().mapToLong(Long::longValue).sum());
        // the map's result is used twice: it was computed once, written once and read by both sides
        assertEquals(PARALLELISM, count(events(), "open first"));
        JobGraph graph = onlyJob().getJobGraph();
        JobVertex join = graph.getVertices().stream().filter(v -> v.getInputs().size() == 2).findFirst().orElseThrow();
        assertEquals(List.of(ExchangeMode.BLOCKING, ExchangeMode.BLOCKING),
                join.getInputs().stream().map(JobEdge::exchangeMode).toList());
        assertSpillDirectoryEmpty();
    }

    @Test
    void losingATaskManagerRestartsTheRegionsWhoseResultsItHeld() throws Exception {
        secondStage = "block-first-attempt";
        CompletableFuture<List<Tuple2<Long, Long>>> result = CompletableFuture.supplyAsync(() -> {
            try {
                return program(env(2)).collect();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        waitUntil(() -> count(events(), "open second") == SLOTS);
        // both slots hold a blocked second-stage subtask; the first TaskManager goes away
        cluster.getJobManager().unregisterTaskManager(cluster.getTaskManagers().get(0), "test: lost");
        waitUntil(() -> onlyJob().getNumberOfRestarts() == 1);
        releaseBlocked.countDown();

        assertEquals(expected(), asMap(result.get(60, TimeUnit.SECONDS)));
        assertEquals(1, onlyJob().getNumberOfRestarts());
        List<String> firstOpens = events().stream().filter(e -> e.startsWith("open first")).toList();
        long rerun = firstOpens.stream().filter(e -> e.endsWith("#1")).count();
        // the first-stage results on the lost TaskManager were computed again, those on the other one were not
        assertTrue(rerun > 0 && rerun < PARALLELISM, firstOpens.toString());
        assertEquals(PARALLELISM + rerun, firstOpens.size());
        // every second-stage subtask that had started reads changed input: it ran again
        assertTrue(events().contains("open second 0 #1") && events().contains("open second 1 #1"), events().toString());
    }

    @Test
    void aFailedJobLeavesNoFiles() throws Exception {
        secondStage = "fail-always";
        Exception e = assertThrows(Exception.class, () -> program(env(1)).collect());
        assertTrue(causes(e).contains("second stage fails"), causes(e));
        assertEquals(JobStatus.FAILED, onlyJob().getStatus());
        assertEquals(1, onlyJob().getNumberOfRestarts());
        assertSpillDirectoryEmpty();
    }

    @Test
    void aCancelledJobLeavesNoFiles() throws Exception {
        secondStage = "block";
        CompletableFuture<List<Tuple2<Long, Long>>> result = CompletableFuture.supplyAsync(() -> {
            try {
                return program(env(0)).collect();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        waitUntil(() -> count(events(), "open second") > 0);
        // the first stage's results wait on disk for the second stage
        assertTrue(spillFiles().size() >= PARALLELISM, "no blocking results on disk: " + spillFiles());
        onlyJob().cancel();
        assertThrows(Exception.class, () -> result.get(60, TimeUnit.SECONDS));
        assertEquals(JobStatus.CANCELED, onlyJob().getStatus());
        assertSpillDirectoryEmpty();
    }

    // ---------------------------------------------------------------- the two stages

    private static void record(String event) {
        synchronized (EVENTS) {
            EVENTS.add(event);
        }
    }

    static final class FirstStage extends RichMapFunction<Long, Tuple2<Long, Long>> {
        @Override
        public void open(OpenContext context) {
            record("open first " + getRuntimeContext().getIndexOfThisSubtask() + " #"
                    + getRuntimeContext().getAttemptNumber());
            MAX_RUNNING_FIRST.accumulateAndGet(RUNNING_FIRST.incrementAndGet(), Math::max);
        }

        @Override
        public Tuple2<Long, Long> map(Long i) {
            return Tuple2.of(i % KEYS, i);
        }

        @Override
        public void close() {
            RUNNING_FIRST.decrementAndGet();
            record("close first " + getRuntimeContext().getIndexOfThisSubtask());
        }
    }

    static final class SecondStage extends RichMapFunction<Tuple2<Long, Long>, Tuple2<Long, Long>> {
        private int seen;

        @Override
        public void open(OpenContext context) {
            record("open second " + getRuntimeContext().getIndexOfThisSubtask() + " #"
                    + getRuntimeContext().getAttemptNumber());
        }

        @Override
        public Tuple2<Long, Long> map(Tuple2<Long, Long> row) throws InterruptedException {
            seen++;
            boolean failHere = getRuntimeContext().getIndexOfThisSubtask() == 1 && seen == 10;
            switch (secondStage) {
                case "fail-once" -> {
                    if (failHere && getRuntimeContext().getAttemptNumber() == 0) {
                        throw new IllegalStateException("second stage fails once");
                    }
                }
                case "fail-always" -> {
                    if (failHere) {
                        throw new IllegalStateException("second stage fails");
                    }
                }
                case "block" -> Thread.sleep(Long.MAX_VALUE); // until the cancellation interrupts it
                case "block-first-attempt" -> {
                    if (getRuntimeContext().getAttemptNumber() == 0) {
                        releaseBlocked.await();
                    }
                }
                default -> { }
            }
            return row;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> events() {
        synchronized (EVENTS) {
            return List.copyOf(EVENTS);
        }
    }

    private static long count(List<String> events, String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    private static int firstIndexOf(List<String> events, String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<String> events, String prefix) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private JobMaster onlyJob() {
        List<JobMaster> jobs = new ArrayList<>(cluster.getJobManager().getJobs());
        assertEquals(1, jobs.size());
        return jobs.get(0);
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" / ");
        }
        return b.toString();
    }

    private List<Path> spillFiles() throws Exception {
        try (Stream<Path> files = Files.walk(spillDir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private void assertSpillDirectoryEmpty() throws Exception {
        // the job's end releases its partitions on the TaskManagers just after its result completes
        waitUntil(() -> spillFiles().isEmpty());
        assertEquals(List.of(), spillFiles());
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.holds() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
