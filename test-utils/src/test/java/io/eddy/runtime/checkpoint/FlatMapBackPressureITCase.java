package io.eddy.runtime.checkpoint;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.rich.CheckpointedFunction;
import io.eddy.api.functions.rich.FunctionInitializationContext;
import io.eddy.api.functions.rich.RichFlatMapFunction;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.types.Types;
import io.eddy.runtime.exchange.NetworkOptions;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.runtime.minicluster.LocalExecutorFactory;
import io.eddy.runtime.minicluster.MiniCluster;
import io.eddy.runtime.minicluster.MiniClusterOptions;
import io.eddy.runtime.taskmanager.TaskManagerOptions;
import io.eddy.testutils.checkpoint.InMemoryCheckpointStorageFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flatMap that emits far more records per input element than its output's buffer pool holds,
 * in front of a slow consumer, with unaligned checkpoints every 100 ms. The flatMap's task waits for
 * buffers inside an element most of the time; a checkpoint trigger arriving then must not wait
 * until the consumer drained the element: the rest of the element goes out in overdraft buffers,
 * the checkpoint is taken right after the element, and its barrier overtakes what is in flight. A
 * task that blocked for its buffers instead would take the checkpoint only once all but a pool's
 * worth of the element was consumed.
 *
 * <p>With a failure: the flatMap fails half way through its last element, while back-pressured,
 * and the job restarts from its latest checkpoint, with the records that checkpoint had in flight
 * (unaligned) or none (aligned); every record is still committed exactly once.
 */
class FlatMapBackPressureITCase {
    private static final int ELEMENTS = 3;
    private static final int PER_ELEMENT = 40_000;
    private static final int SEGMENT_BYTES = 4096;
    /** The flatMap's output pool: 2 subpartitions × 2 buffers per channel, and 8 floating buffers. */
    private static final int POOL_BUFFERS = 2 * 2 + 8;
    /** A Long record in a buffer: length field, tag, 8 bytes. */
    private static final int RECORD_BYTES = 4 + 1 + 8;
    private static final String SINK = "flatmap-back-pressure";

    /** Per checkpoint: records the flatMap had emitted at its snapshot. */
    static final Map<Long, Long> EMITTED_AT = new ConcurrentHashMap<>();
    /** Per checkpoint: records the slow consumers had processed at their snapshots, summed over subtasks. */
    static final Map<Long, AtomicLong> CONSUMED_AT = new ConcurrentHashMap<>();
    /** Whether the one failure happened, across attempts. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private MiniCluster cluster;
    /** The job of the last {@link #run}. */
    private JobMaster job;

    @AfterEach
    void stopCluster() {
        LocalExecutorFactory.useSharedCluster(null);
        if (cluster != null) {
            cluster.close();
        }
        RecordingSink.reset(SINK);
    }

    /** Emits {@link #PER_ELEMENT} records for each element; fails once before emitting {@code failAt}, if not -1. */
    static final class Explode extends RichFlatMapFunction<Long, Long> implements CheckpointedFunction {
        private final long failAt;
        private long emitted;

        Explode(long failAt) {
            this.failAt = failAt;
        }

        @Override
        public void flatMap(Long element, Collector<Long> out) {
            for (long i = 0; i < PER_ELEMENT; i++) {
                long record = element * PER_ELEMENT + i;
                if (record == failAt && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("Failing before record " + record + " on purpose");
                }
                out.collect(record);
                emitted++;
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void snapshotState(long checkpointId) {
            EMITTED_AT.put(checkpointId, emitted);
        }
    }

    /** Passes records on, sleeping a millisecond every 20th. */
    static final class SlowForward extends RichMapFunction<Long, Long> implements CheckpointedFunction {
        private long consumed;

        @Override
        public Long map(Long value) throws Exception {
            if (++consumed % 20 == 0) {
                Thread.sleep(1);
            }
            return value;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}

        @Override
        public void snapshotState(long checkpointId) {
            CONSUMED_AT.computeIfAbsent(checkpointId, id -> new AtomicLong()).addAndGet(consumed);
        }
    }

    @Test
    void checkpointCompletesWhileAnElementWaitsForBuffersAndTheOutputIsExact() throws Exception {
        List<Long> completed = run(true, -1);
        // a completed checkpoint taken while the consumers were more than a pool's worth behind the
        // flatMap: its task did not wait for them to drain the element (the consumers may hold one
        // more buffer per channel each while they read it)
        long poolRecords = (long) (POOL_BUFFERS + 4) * SEGMENT_BYTES / RECORD_BYTES;
        Map<Long, Long> backlogAt = new TreeMap<>();
        for (long id : completed) {
            Long emitted = EMITTED_AT.get(id);
            AtomicLong consumed = CONSUMED_AT.get(id);
            if (emitted != null && consumed != null) {
                backlogAt.put(id, emitted - consumed.get());
            }
        }
        assertTrue(backlogAt.values().stream().anyMatch(backlog -> backlog > poolRecords),
                "no completed checkpoint overtook more than the pool's " + poolRecords
                        + " records: records in flight per checkpoint " + backlogAt);
    }

    /** Records in flight at a checkpoint: emitted by the flatMap before its snapshot, not consumed before the consumers'. */
    private static long backlogAt(long checkpointId) {
        return EMITTED_AT.get(checkpointId) - CONSUMED_AT.get(checkpointId).get();
    }

    @Test
    void unalignedCheckpointRestoredAfterAFailureUnderBackPressureAndTheOutputIsExactlyOnce() throws Exception {
        restoresAfterFailureExactlyOnce(true);
    }

    @Test
    void alignedCheckpointRestoredAfterAFailureUnderBackPressureAndTheOutputIsExactlyOnce() throws Exception {
        restoresAfterFailureExactlyOnce(false);
    }

    private void restoresAfterFailureExactlyOnce(boolean unaligned) throws Exception {
        // half way through the last element: the elements before took long behind the slow consumers
        run(unaligned, (ELEMENTS - 1) * PER_ELEMENT + PER_ELEMENT / 2);
        long restored = job.getRestoredCheckpointId();
        assertTrue(restored > 0, "the restart restored a checkpoint");
        if (unaligned) {
            // its barrier overtook records, which the restore put back into the channels (an aligned
            // checkpoint has none in flight: its consumers snapshot after reading all before the barrier)
            assertTrue(backlogAt(restored) > 0, "checkpoint " + restored + " had " + backlogAt(restored)
                    + " records in flight");
        }
    }

    /**
     * Runs the job (checkpoints every 100 ms, failing once before record {@code failAt} unless -1),
     * checks that every record was committed exactly once, and returns the completed checkpoints.
     */
    private List<Long> run(boolean unaligned, long failAt) throws Exception {
        EMITTED_AT.clear();
        CONSUMED_AT.clear();
        FAILED.set(false);
        Configuration config = new Configuration();
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, 1);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 4);
        config.set(NetworkOptions.BUFFER_SIZE, MemorySize.parse(SEGMENT_BYTES + "b"));
        cluster = new MiniCluster(config);
        LocalExecutorFactory.useSharedCluster(cluster);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig().setCheckpointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY);
        env.getCheckpointConfig().enableUnalignedCheckpoints(unaligned);
        env.setRestartStrategy(RestartStrategy.fixedDelay(1, 10));
        env.fromSequence(0, ELEMENTS - 1).setParallelism(1)
                .flatMap(new Explode(failAt), Types.LONG).setParallelism(1)
                .rebalance()
                .map(new SlowForward()).returns(Types.LONG).setParallelism(2)
                .sinkTo(new RecordingSink<>(SINK)).name(SINK).setParallelism(2);
        JobClient client = env.executeAsync("flatMap emitting more than its pool per element");
        job = cluster.getJobManager().getJob(client.getJobId());

        List<Long> completed = new ArrayList<>();
        CompletableFuture<?> result = client.getJobExecutionResult();
        while (!result.isDone()) {
            collectCompleted(job, completed);
            Thread.sleep(50);
        }
        result.get(5, TimeUnit.MINUTES);
        collectCompleted(job, completed);

        // exactly once: every record of every element committed, none twice
        List<Long> expected = new ArrayList<>();
        for (long v = 0; v < (long) ELEMENTS * PER_ELEMENT; v++) {
            expected.add(v);
        }
        List<Long> committed = new ArrayList<>();
        for (Object record : RecordingSink.committed(SINK)) {
            committed.add((Long) record);
        }
        committed.sort(null);
        assertEquals(expected, committed);
        assertEquals(failAt >= 0, FAILED.get());
        assertEquals(failAt >= 0 ? 1 : 0, job.getNumberOfRestarts());
        return completed;
    }

    private static void collectCompleted(JobMaster job, List<Long> completed) {
        CheckpointCoordinator coordinator = job.getCheckpointCoordinator();
        if (coordinator == null) {
            return; // the job master creates it once the job has its slots
        }
        for (CheckpointStats stats : coordinator.stats().snapshot().history()) {
            if (stats.status() == CheckpointStats.Status.COMPLETED && !completed.contains(stats.id())) {
                completed.add(stats.id());
            }
        }
    }
}
