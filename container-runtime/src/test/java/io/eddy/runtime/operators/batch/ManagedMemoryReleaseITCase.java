package io.eddy.runtime.operators.batch;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.runtime.io.IOManagerOptions;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TaskManagers of a cluster that stays up: after a batch job that spilled finishes or fails, every
 * managed-memory page is back and no spill file is left, however the operators ended.
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
        try (Stream<Path> files = Files.walk(spillDir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
    }

    private boolean allIdle() {
        return cluster.getTaskManagers().stream().allMatch(tm -> tm.getMemoryManager().isIdle());
    }
}
