package io.eddy.runtime.operators.sortedinput;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.RuntimeExecutionMode;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.process.KeyedProcessFunction;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.memory.MemoryManagerOptions;
import io.eddy.runtime.minicluster.LocalExecutorFactory;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.resourcemanager.ResourceManagerOptions;
import io.eddy.runtime.scheduler.PipelinedRegions;
import io.eddy.runtime.taskmanager.TaskManager;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BATCH mode DataStream jobs on an embedded cluster of two TaskManagers with one slot and 2 MB of
 * managed memory each, so that every keyed operator's sort spills: a job of parallelism 4 runs stage
 * by stage in the two slots; the spill directory is empty after success, failure and cancellation;
 * and a spill directory on a "full disk" fails the job with the file's path and the option to change.
 */
class BatchModeStagesITCase {
    private static final long N = 200_000;
    private static final long KEYS = 1_000;
    private static final TypeInfo<Tuple2<Long, Long>> PAIR = Types.TUPLE(Types.LONG, Types.LONG);

    /** What the subtasks did, in order: "open first 2", "close first 2", "open second 0", ... */
    private static final List<String> EVENTS = new ArrayList<>();
    /** How the second stage behaves: "pass", "fail" (at its 1000th record) or "block" (until cancelled). */
    private static volatile String secondStage = "pass";

    @TempDir
    Path spillDir;
    private MiniCluster cluster;

    @BeforeEach
    void startCluster() {
        synchronized (EVENTS) {
            EVENTS.clear();
        }
        secondStage = "pass";
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, 2);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("2mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("8kb"));
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

    /** (i mod KEYS, i) for i in [0, N), summed per key in a KeyedProcessFunction that emits at the end of its key. */
    private static DataStream<Tuple2<Long, Long>> program(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(parallelism);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return env.fromSequence(0, N - 1).map(new FirstStage(), PAIR)
                .keyBy(t -> t.f0, Types.LONG)
                .process(new SecondStage(), PAIR);
    }

    private static Map<Long, Long> expected() {
        Map<Long, Long> sums = new TreeMap<>();
        for (long i = 0; i < N; i++) {
            sums.merge(i % KEYS, i, Long::sum);
        }
        return sums;
    }

    private static Map<Long, Long> run(DataStream<Tuple2<Long, Long>> program) throws Exception {
        Map<Long, Long> result = new TreeMap<>();
        try (CloseableIterator<Tuple2<Long, Long>> it = program.executeAndCollect()) {
            it.forEachRemaining(t -> assertEquals(null, result.put(t.f0, t.f1), "key " + t.f0 + " emitted twice"));
        }
        return result;
    }

    @Test
    void moreSubtasksThanSlotsRunStageByStage() throws Exception {
        assertEquals(expected(), run(program(4)));

        List<String> events = events();
        assertEquals(4, events.stream().filter(e -> e.startsWith("open first")).count(), events.toString());
        assertEquals(4, events.stream().filter(e -> e.startsWith("open second")).count(), events.toString());
        int lastFirstClose = -1;
        int firstSecondOpen = Integer.MAX_VALUE;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith("close first")) {
                lastFirstClose = i;
            } else if (events.get(i).startsWith("open second")) {
                firstSecondOpen = Math.min(firstSecondOpen, i);
            }
        }
        assertTrue(lastFirstClose < firstSecondOpen, "the second stage started before the first ended: " + events);
        assertTrue(PipelinedRegions.hasBlockingEdges(onlyJob().getJobGraph()));
        assertNothingLeft();
    }

    @Test
    void aKeyedSumOverMoreKeysThanItsHeapTableHoldsIsExact() throws Exception {
        // 150,000 keys: each subtask's table of partial sums (64 Ki keys) fills and is emptied into the
        // sort several times, and the sort (2 MB) spills, combining again
        long n = 600_000;
        long keys = 150_000;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(2);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        DataStream<Tuple2<Long, Long>> sums = env.fromSequence(0, n - 1).map(i -> Tuple2.of(i % keys, i), PAIR)
                .keyBy(t -> t.f0, Types.LONG).sum(1);
        Map<Long, Long> expected = new TreeMap<>();
        for (long i = 0; i < n; i++) {
            expected.merge(i % keys, i, Long::sum);
        }
        assertEquals(expected, run(sums));
        assertNothingLeft();
    }

    @Test
    void aFailureInTheSortedStageLeavesNoFiles() throws Exception {
        secondStage = "fail";
        Exception e = assertThrows(Exception.class, () -> run(program(2)));
        assertTrue(causes(e).contains("second stage fails"), causes(e));
        assertEquals(JobStatus.FAILED, onlyJob().getStatus());
        assertNothingLeft();
    }

    @Test
    void aCancelledSortedStageLeavesNoFiles() throws Exception {
        secondStage = "block";
        CompletableFuture<Map<Long, Long>> result = CompletableFuture.supplyAsync(() -> {
            try {
                return run(program(2));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        waitUntil(() -> events().contains("second stage blocks"));
        // the sorts spilled their runs (100,000 records each into 2 MB) and read them back merged
        List<Path> files = spillFiles();
        assertTrue(files.size() > 4, "expected the blocking results and the sorts' runs on disk: " + files);
        onlyJob().cancel();
        assertThrows(Exception.class, () -> result.get(60, TimeUnit.SECONDS));
        assertEquals(JobStatus.CANCELED, onlyJob().getStatus());
        assertNothingLeft();
    }

    @Test
    void aFullDiskFailsTheJobNamingTheFileAndTheOption() throws Exception {
        // every spill file a TaskManager will create leads to a device that reports "no space left"
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "needs /dev/full");
        List<Path> ioDirectories;
        try (Stream<Path> dirs = Files.list(spillDir)) {
            ioDirectories = dirs.filter(d -> d.getFileName().toString().startsWith("eddy-io-")).toList();
        }
        assertEquals(2, ioDirectories.size(), "one spill directory per TaskManager");
        for (Path dir : ioDirectories) {
            for (int i = 0; i < 1000; i++) {
                Files.createSymbolicLink(dir.resolve(String.format("%06d.spill", i)), full);
            }
        }
        Exception e = assertThrows(Exception.class, () -> run(program(2)));
        String message = causes(e);
        assertTrue(message.matches("(?s).*Cannot write spill file " + spillDir + "/eddy-io-[-0-9a-f]+/\\d{6}\\.spill: No space left on device\\. .*"),
                message);
        assertTrue(message.contains("The disk holding it is full or failing: free space there or point io.tmp.dirs at a "
                + "larger disk."), message);
        assertEquals(JobStatus.FAILED, onlyJob().getStatus());
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
            record("open first " + getRuntimeContext().getIndexOfThisSubtask());
        }

        @Override
        public Tuple2<Long, Long> map(Long i) {
            return Tuple2.of(i % KEYS, i);
        }

        @Override
        public void close() {
            record("close first " + getRuntimeContext().getIndexOfThisSubtask());
        }
    }

    /** Sums a key's values in keyed state; an event-time timer at the end of time emits the sum once per key. */
    static final class SecondStage extends KeyedProcessFunction<Long, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        private transient ValueState<Long> sum;
        private int seen;

        @Override
        public void open(OpenContext context) {
            record("open second " + getRuntimeContext().getIndexOfThisSubtask());
            sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
        }

        @Override
        public void processElement(Tuple2<Long, Long> value, Context ctx, Collector<Tuple2<Long, Long>> out)
                throws Exception {
            if (++seen == 1000) {
                switch (secondStage) {
                    case "fail" -> throw new IllegalStateException("second stage fails");
                    case "block" -> {
                        record("second stage blocks");
                        Thread.sleep(Long.MAX_VALUE); // until the cancellation interrupts it
                    }
                    default -> { }
                }
            }
            Long before = sum.value();
            if (before == null) {
                ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            }
            sum.update((before == null ? 0 : before) + value.f1);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Tuple2<Long, Long>> out) throws Exception {
            out.collect(Tuple2.of(ctx.getCurrentKey(), sum.value()));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> events() {
        synchronized (EVENTS) {
            return List.copyOf(EVENTS);
        }
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

    /** No spill file and no borrowed page is left once the tasks have reported their end. */
    private void assertNothingLeft() throws Exception {
        waitUntil(() -> spillFiles().isEmpty()
                && cluster.getTaskManagers().stream().allMatch(tm -> tm.getMemoryManager().isIdle()));
        assertEquals(List.of(), spillFiles());
        for (TaskManager tm : cluster.getTaskManagers()) {
            assertTrue(tm.getMemoryManager().isIdle(), tm.getId() + " still lends managed memory");
        }
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
