package io.eddy.runtime.operators.batch;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.IterativeDataSet;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.rich.RichCoGroupFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.memory.MemoryManagerOptions;
import io.eddy.runtime.minicluster.LocalExecutorFactory;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.taskmanager.TaskManager;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TaskManagers of a cluster that stays up: after a batch job that spilled finishes, fails or is
 * cancelled (also an iteration holding a static side it keeps across supersteps), every managed-memory
 * page is back and no spill file is left, however the operators ended.
 */
class ManagedMemoryReleaseITCase {
    @TempDir
    Path spillDir;
    private MiniCluster cluster;

    @BeforeEach
    void startCluster() {
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, 2);
        // subtasks 0 and 2 run on the first TaskManager, 1 and 3 on the second: each in a slot of its own budget
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 2);
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("2mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("8kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        cluster = new MiniCluster(config);
        LocalExecutorFactory.useSharedCluster(cluster);
    }

    @AfterEach
    void stopCluster() {
        LocalExecutorFactory.useSharedCluster(null);
        cluster.close();
    }

    /** 100,000 keys, each joined with itself: the build side (several MB) is larger than the slots' 1 MB each. */
    private static DataSet<Tuple2<Long, String>> rows(ExecutionEnvironment env) {
        return env.generateSequence(0, 99_999).map(new MapFunction<Long, Tuple2<Long, String>>() {
            @Override
            public Tuple2<Long, String> map(Long i) {
                return Tuple2.of(i, "row-" + i);
            }
        });
    }

    @Test
    void spillingJoinGivesEverythingBackWhenItFinishes() throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(4);
        List<Long> keys = rows(env).join(rows(env)).where(0).equalTo(0)
                .with((JoinFunction<Tuple2<Long, String>, Tuple2<Long, String>, Long>) (l, r) -> l.f0 + r.f0)
                .collect();
        assertEquals(100_000, keys.size());
        assertEquals(99_999L * 100_000, keys.stream().mapToLong(Long::longValue).sum());
        assertNothingHeld();
    }

    @Test
    void failingJoinGivesEverythingBack() throws Exception {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(4);
        DataSet<Long> failing = rows(env).join(rows(env)).where(0).equalTo(0)
                .with((JoinFunction<Tuple2<Long, String>, Tuple2<Long, String>, Long>) (l, r) -> {
                    if (l.f0 == 77_777) {
                        throw new IllegalStateException("user function fails at key 77777");
                    }
                    return l.f0;
                });
        Exception e = assertThrows(Exception.class, failing::collect);
        assertTrue(causes(e).contains("user function fails at key 77777"), causes(e));
        assertNothingHeld();
    }

    /** What the step function of {@link #keptSortedSide} does in superstep 3: "fail", "block" or nothing. */
    private static volatile String thirdSuperstep = "";
    private static final CountDownLatch BLOCKED = new CountDownLatch(1);

    /**
     * A bulk iteration whose step function co-groups the partial solution with a static side of 100,000
     * rows (more than the slots' memory), behind a broadcast set: the first superstep keeps the static
     * side sorted, partly in a spill file, for the later ones.
     */
    private static DataSet<Tuple2<Long, String>> keptSortedSide(ExecutionEnvironment env) {
        IterativeDataSet<Tuple2<Long, String>> loop = env.generateSequence(0, 999)
                .map(i -> Tuple2.of(i, "")).returns(Types.TUPLE(Types.LONG, Types.STRING)).iterate(5);
        DataSet<Tuple2<Long, String>> step = loop.coGroup(rows(env)).where(0).equalTo(0).with(new ThirdSuperstep())
                .withBroadcastSet(env.fromElements(1L), "one");
        return loop.closeWith(step);
    }

    private static final class ThirdSuperstep
            extends RichCoGroupFunction<Tuple2<Long, String>, Tuple2<Long, String>, Tuple2<Long, String>> {
        @Override
        public void coGroup(Iterable<Tuple2<Long, String>> partial, Iterable<Tuple2<Long, String>> rows,
                Collector<Tuple2<Long, String>> out) throws Exception {
            if (getIterationRuntimeContext().getSuperstepNumber() == 3) {
                switch (thirdSuperstep) {
                    case "fail" -> throw new IllegalStateException("step function fails in superstep 3");
                    case "block" -> {
                        BLOCKED.countDown();
                        Thread.sleep(Long.MAX_VALUE); // until the cancellation interrupts it
                    }
                    default -> { }
                }
            }
            for (Tuple2<Long, String> p : partial) {
                out.collect(p);
            }
        }
    }

    @Test
    void anIterationFailingWithAKeptSortedSideGivesEverythingBack() throws Exception {
        thirdSuperstep = "fail";
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(4);
        Exception e = assertThrows(Exception.class, () -> keptSortedSide(env).collect());
        assertTrue(causes(e).contains("step function fails in superstep 3"), causes(e));
        assertNothingHeld();
    }

    @Test
    void anIterationCancelledWithAKeptSortedSideGivesEverythingBack() throws Exception {
        thirdSuperstep = "block";
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(4);
        CompletableFuture<List<Tuple2<Long, String>>> result = CompletableFuture.supplyAsync(() -> {
            try {
                return keptSortedSide(env).collect();
            } catch (Exception ex) {
                throw new RuntimeException(ex);
            }
        });
        assertTrue(BLOCKED.await(60, TimeUnit.SECONDS), "the step function reached superstep 3");
        try (Stream<Path> files = Files.walk(spillDir)) {
            assertTrue(files.anyMatch(Files::isRegularFile), "spill files (blocking results, the kept side) exist while it runs");
        }
        List<JobMaster> jobs = new ArrayList<>(cluster.getJobManager().getJobs());
        assertEquals(1, jobs.size());
        jobs.get(0).cancel();
        assertThrows(Exception.class, () -> result.get(60, TimeUnit.SECONDS));
        assertNothingHeld();
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" / ");
        }
        return b.toString();
    }

    private void assertNothingHeld() throws Exception {
        // tasks report their end after releasing; the job result may arrive a moment before the last report
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!allIdle() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (TaskManager tm : cluster.getTaskManagers()) {
            assertTrue(tm.getMemoryManager().isIdle(), tm.getId() + " still lends managed memory");
        }
        long filesDeadline = System.nanoTime() + 10_000_000_000L;
        while (hasSpillFiles() && System.nanoTime() < filesDeadline) {
            Thread.sleep(10);
        }
        try (Stream<Path> files = Files.walk(spillDir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
    }

    private boolean hasSpillFiles() throws IOException {
        try (Stream<Path> files = Files.walk(spillDir)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    private boolean allIdle() {
        return cluster.getTaskManagers().stream().allMatch(tm -> tm.getMemoryManager().isIdle());
    }
}
