package io.eddy.runtime.checkpoint;

import io.eddy.api.config.Configuration;
import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.tuple.Tuple2;
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

import java.io.FileNotFoundException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A keyed sum behind an operator about 100 times slower than its source, with a checkpoint every
 * second and one failure half way: the checkpoints complete while the job is back-pressured and
 * the sums are exact after the restore. The measured checkpoint durations are printed (tests assert
 * no timings; the README quotes them): with aligned barriers alone each checkpoint waits behind
 * every buffer in flight; with buffer debloating the buffers shrink until about the target's worth
 * of data (1 s) is in flight; with unaligned checkpoints the barriers overtake the data in flight,
 * which is stored with the checkpoint and replayed on recovery.
 */
class BackPressuredCheckpointITCase {
    private static final long N = 80_000;
    private static final int KEYS = 7;
    /** The latest sum per key the sink saw. */
    static final Map<Integer, Long> LATEST = new ConcurrentHashMap<>();
    /** Whether the one failure happened, across attempts. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    private MiniCluster cluster;
    /** Bytes in flight that the checkpoints of the last {@link #run} stored (unaligned only). */
    private long storedInFlightBytes;
    private final Set<String> seenCheckpoints = new HashSet<>();

    @AfterEach
    void stopCluster() {
        LocalExecutorFactory.useSharedCluster(null);
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Sums per key, sleeping a millisecond every fifth record; fails once, at the middle record. */
    static final class SlowFailingSum extends RichMapFunction<Long, Tuple2<Integer, Long>> {
        private transient ValueState<Long> sum;

        @Override
        public void open(OpenContext context) {
            sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
        }

        @Override
        public Tuple2<Integer, Long> map(Long value) throws Exception {
            if (value == N / 2 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("Failing at " + value + " on purpose");
            }
            if (value % 5 == 0) {
                Thread.sleep(1);
            }
            long s = (sum.value() == null ? 0 : sum.value()) + value;
            sum.update(s);
            return Tuple2.of((int) (value % KEYS), s);
        }
    }

    static final class LatestPerKey implements Sink<Tuple2<Integer, Long>> {
        @Override
        public SinkWriter<Tuple2<Integer, Long>> createWriter(SinkContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Tuple2<Integer, Long> element, long timestamp) {
                    LATEST.put(element.f0, element.f1);
                }

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void alignedCheckpointsCompleteUnderBackPressureAndSumsAreExact() throws Exception {
        Map<Long, Long> durations = run(new Configuration());
        System.out.println("BACK-PRESSURE aligned, no debloating: checkpoint durations ms " + durations);
    }

    @Test
    void withBufferDebloatingCheckpointsCompleteUnderBackPressureAndSumsAreExact() throws Exception {
        Configuration config = new Configuration();
        config.set(NetworkOptions.BUFFER_DEBLOAT_ENABLED, true);
        config.set(NetworkOptions.BUFFER_DEBLOAT_TARGET, Duration.ofSeconds(1));
        Map<Long, Long> durations = run(config);
        System.out.println("BACK-PRESSURE aligned, debloating to 1 s: checkpoint durations ms " + durations);
    }

    @Test
    void unalignedCheckpointsCompleteUnderBackPressureAndSumsAreExact() throws Exception {
        Map<Long, Long> durations = run(new Configuration(), true);
        System.out.println("BACK-PRESSURE unaligned: checkpoint durations ms " + durations + ", in-flight bytes stored "
                + storedInFlightBytes);
        // the barriers overtook data: checkpoints held it, as the channel state of some subtask
        assertTrue(storedInFlightBytes > 0, "no checkpoint stored data in flight");
    }

    private Map<Long, Long> run(Configuration config) throws Exception {
        return run(config, false);
    }

    /** Runs the job on a cluster with {@code config}; returns the completed checkpoints' durations by id. */
    private Map<Long, Long> run(Configuration config, boolean unaligned) throws Exception {
        LATEST.clear();
        FAILED.set(false);
        storedInFlightBytes = 0;
        config.set(MiniClusterOptions.NUM_TASK_MANAGERS, 1);
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, 4);
        cluster = new MiniCluster(config);
        LocalExecutorFactory.useSharedCluster(cluster);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.enableCheckpointing(1000, CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig().setCheckpointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY);
        env.getCheckpointConfig().enableUnalignedCheckpoints(unaligned);
        env.setRestartStrategy(RestartStrategy.fixedDelay(3, 10));
        env.fromSequence(0, N - 1).setParallelism(1)
                .keyBy(v -> (int) (v % KEYS), Types.INT)
                .map(new SlowFailingSum()).returns(Types.TUPLE(Types.INT, Types.LONG)).setParallelism(2)
                .sinkTo(new LatestPerKey()).setParallelism(2);
        JobClient client = env.executeAsync("keyed sum behind a slow operator");
        JobMaster job = cluster.getJobManager().getJob(client.getJobId());
        String jobId = client.getJobId().toHexString();

        // the history keeps the latest ten: sample it while the job runs
        Map<Long, Long> durations = new TreeMap<>();
        CompletableFuture<?> result = client.getJobExecutionResult();
        while (!result.isDone()) {
            collectCompleted(job, durations);
            collectInFlightBytes(jobId);
            Thread.sleep(100);
        }
        result.get(5, TimeUnit.MINUTES);
        collectCompleted(job, durations);

        Map<Integer, Long> expected = new HashMap<>();
        for (long v = 0; v < N; v++) {
            expected.merge((int) (v % KEYS), v, Long::sum);
        }
        assertEquals(expected, LATEST);
        assertTrue(FAILED.get());
        assertEquals(1, job.getNumberOfRestarts());
        assertTrue(job.getRestoredCheckpointId() > 0, "the restart restored a checkpoint taken under back-pressure");
        assertTrue(durations.size() >= 2, "checkpoints completed while the job was back-pressured: " + durations);
        return durations;
    }

    /** Adds the channel state of the retained checkpoints not seen before (only the latest are retained). */
    private void collectInFlightBytes(String jobId) throws Exception {
        for (String pointer : InMemoryCheckpointStorageFactory.STORAGE.listCompleted(jobId)) {
            if (!seenCheckpoints.add(pointer)) {
                continue;
            }
            CompletedCheckpoint checkpoint;
            try {
                checkpoint = CompletedCheckpoint.fromBytes(InMemoryCheckpointStorageFactory.STORAGE.readMetadata(pointer));
            } catch (FileNotFoundException subsumed) {
                continue; // a newer checkpoint completed between the listing and the read, and this one was discarded
            }
            for (List<SubtaskState> subtasks : checkpoint.vertices().values()) {
                for (SubtaskState subtask : subtasks) {
                    for (OperatorSnapshot operator : subtask.operators()) {
                        if (operator.operatorId().endsWith("#channels")) {
                            storedInFlightBytes += operator.operatorState().size();
                        }
                    }
                }
            }
        }
    }

    private static void collectCompleted(JobMaster job, Map<Long, Long> durations) {
        CheckpointCoordinator coordinator = job.getCheckpointCoordinator();
        if (coordinator == null) {
            return; // the job master creates it once the job has its slots
        }
        for (CheckpointStats stats : coordinator.stats().snapshot().history()) {
            if (stats.status() == CheckpointStats.Status.COMPLETED && stats.kind() == CheckpointStats.Kind.CHECKPOINT) {
                durations.put(stats.id(), stats.durationMillis());
            }
        }
    }
}
