package io.eddy.runtime.checkpoint;

import io.eddy.testutils.checkpoint.InMemoryCheckpointStorageFactory;
import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkWriter;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobExecutionException;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A keyed running sum that fails a few times: restored from checkpoints, its final sums are those
 * of a run without failures.
 */
class CheckpointRecoveryITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 2);

    private static final long N = 60_000;
    private static final int KEYS = 7;

    /** Records at which the sum throws, once each, across attempts. */
    static final Set<Long> FAILURE_POINTS = ConcurrentHashMap.newKeySet();
    static final AtomicInteger FAILURES = new AtomicInteger();
    /** The latest sum per key the sink saw. */
    static final Map<Integer, Long> LATEST = new ConcurrentHashMap<>();

    @BeforeEach
    void reset() {
        FAILURE_POINTS.clear();
        Random random = new Random(42);
        for (int i = 0; i < 3; i++) {
            FAILURE_POINTS.add(N / 5 + (long) random.nextInt((int) (N * 3 / 5)));
        }
        FAILURES.set(0);
        LATEST.clear();
    }

    /** Sums per key in ValueState; throws the first time it meets a failure point. */
    static final class FailingSum extends RichMapFunction<Long, Tuple2<Integer, Long>> {
        private transient ValueState<Long> sum;

        @Override
        public void open(OpenContext context) {
            sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
        }

        @Override
        public Tuple2<Integer, Long> map(Long value) throws Exception {
            if (FAILURE_POINTS.remove(value)) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("Failing at " + value + " on purpose");
            }
            long s = (sum.value() == null ? 0 : sum.value()) + value;
            sum.update(s);
            return Tuple2.of((int) (value % KEYS), s);
        }
    }

    /** Keeps the latest sum per key: with exact state it ends at the exact total. */
    static final class LatestPerKey implements Sink<Tuple2<Integer, Long>> {
        @Override
        public SinkWriter<Tuple2<Integer, Long>> createWriter(io.eddy.api.connector.sink.SinkContext context) {
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

    private static Map<Integer, Long> expectedSums() {
        Map<Integer, Long> sums = new HashMap<>();
        for (long v = 0; v < N; v++) {
            sums.merge((int) (v % KEYS), v, Long::sum);
        }
        return sums;
    }

    private static JobClient submit(StreamExecutionEnvironment env) throws Exception {
        return submit(env, 2);
    }

    private static JobClient submit(StreamExecutionEnvironment env, int sourceParallelism) throws Exception {
        env.fromSequence(0, N - 1).setParallelism(sourceParallelism)
                .map(v -> {
                    if (v % 200 == 0) {
                        Thread.sleep(5); // spread the input over several checkpoint intervals
                    }
                    return v;
                }).returns(Types.LONG).setParallelism(sourceParallelism)
                .keyBy(v -> (int) (v % KEYS), Types.INT)
                .map(new FailingSum()).returns(Types.TUPLE(Types.INT, Types.LONG))
                .sinkTo(new LatestPerKey());
        return env.executeAsync("keyed sum with failures");
    }

    private static JobMaster jobMaster(JobClient client) {
        return CLUSTER.cluster().getJobManager().getJob(client.getJobId());
    }

    private static StreamExecutionEnvironment checkpointingEnv(CheckpointingMode mode) {
        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.enableCheckpointing(50, mode);
        env.getCheckpointConfig().setCheckpointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY);
        env.setRestartStrategy(RestartStrategy.fixedDelay(5, 10));
        return env;
    }

    @Test
    void exactlyOnceSumsAreExactAfterRestarts() throws Exception {
        JobClient client = submit(checkpointingEnv(CheckpointingMode.EXACTLY_ONCE));
        client.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        assertEquals(expectedSums(), LATEST);
        assertEquals(3, FAILURES.get());
        assertTrue(jobMaster(client).getNumberOfRestarts() >= 2);
        assertTrue(jobMaster(client).getCheckpointCoordinator().numberOfCompletedCheckpoints() > 0);
        assertTrue(jobMaster(client).getRestoredCheckpointId() > 0, "the last restart restored a checkpoint");
        List<String> completed = InMemoryCheckpointStorageFactory.STORAGE.listCompleted(client.getJobId().toHexString());
        assertFalse(completed.isEmpty());
        CompletedCheckpoint metadata = CompletedCheckpoint.fromBytes(
                InMemoryCheckpointStorageFactory.STORAGE.readMetadata(completed.get(0)));
        assertEquals(CheckpointRetention.checkpointId(completed.get(0)), metadata.checkpointId());
        assertEquals(2, metadata.vertices().size());
    }

    /**
     * Each sum subtask reads one channel here, so no record can overtake a barrier and at least
     * once is exact. With several channels, records that overtook one would be counted twice after
     * a restore.
     */
    @Test
    void atLeastOnceFinalSumsAreExactWithOneInputChannel() throws Exception {
        JobClient client = submit(checkpointingEnv(CheckpointingMode.AT_LEAST_ONCE), 1);
        client.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        assertEquals(expectedSums(), LATEST);
        assertTrue(jobMaster(client).getNumberOfRestarts() >= 2);
        assertTrue(jobMaster(client).getRestoredCheckpointId() > 0, "the last restart restored a checkpoint");
    }

    @Test
    void withoutCheckpointsAFailureFailsTheJob() throws Exception {
        JobClient client = submit(CLUSTER.env(2));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.getJobExecutionResult().get(2, TimeUnit.MINUTES));
        assertInstanceOf(JobExecutionException.class, e.getCause());
        assertEquals(0, jobMaster(client).getNumberOfRestarts());
    }

    /** Fails on every attempt. */
    static long alwaysFails(long x) {
        throw new IllegalStateException("broken record " + x);
    }

    @Test
    void failureRateLetsTheJobFailWhenFailuresComeTooOften() throws Exception {
        StreamExecutionEnvironment env = CLUSTER.env(1);
        env.setRestartStrategy(RestartStrategy.failureRate(2, 60_000, 0));
        env.fromSequence(0, 10).map(CheckpointRecoveryITCase::alwaysFails).sinkTo(new DiscardingSink<>());
        JobClient client = env.executeAsync("failing too often");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.getJobExecutionResult().get(2, TimeUnit.MINUTES));
        assertInstanceOf(JobExecutionException.class, e.getCause());
        // the first two failures within the minute are restarted, the third is one too many
        assertEquals(2, jobMaster(client).getNumberOfRestarts());
    }
}
