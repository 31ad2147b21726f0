package io.eddy.state.hdfs;

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
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery with several input channels per task: two source subtasks feed two keyed subtasks, which
 * count their records per key in keyed state and fail at chosen records, once each; checkpoints go
 * to {@code file://}. A sink without transactions records every record id it sees. The second
 * source's path keeps a backlog of queued records, so its barriers reach the keyed subtasks well
 * after the first source's.
 *
 * <p>In both modes no record is lost: the set of ids the sink saw is exactly the input, and every
 * key's final count covers all its records. The sink sees duplicates in both modes (what it got
 * after the restored checkpoint comes again). Only at least once may the state count records
 * twice: records of the first channel processed between its barrier and the second channel's are
 * in the snapshot and are replayed; exactly once, barrier alignment holds them back and the counts
 * are exact. The duplicates are printed.
 */
class AtLeastOnceITCase {
    private static final long N = 40_000;
    private static final long KEYS = 11;
    private static final long BURST = 3_000;
    /** In the first source's range [0, N/2) at 20 % and 60 %, in the second's at 40 %: both sources still run. */
    private static final List<Long> FAILURE_AT = List.of(N / 10 + 3, N / 2 + N / 5 + 1, N * 3 / 10 + 7);

    static final Set<Long> PENDING_FAILURES = ConcurrentHashMap.newKeySet();
    static final AtomicInteger FAILURES = new AtomicInteger();
    /** How often the sink saw each record id, over all attempts. */
    static final Map<Long, Integer> SEEN = new ConcurrentHashMap<>();
    /** The count of each key the sink saw last: the final state of the last attempt. */
    static final Map<Long, Long> LAST_COUNT = new ConcurrentHashMap<>();
    static final AtomicLong RECEIVED = new AtomicLong();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 2);

    @TempDir
    static Path dir;

    /** Both sources emit at the same pace, but the second starts with a burst its lagging path queues up. */
    static long throttle(long x) throws InterruptedException {
        if (x % 20 == 0 && (x < N / 2 || x >= N / 2 + BURST)) {
            Thread.sleep(1);
        }
        return x;
    }

    /** The second source's path works through its records at the sources' pace, so its burst stays queued. */
    static long lag(long x) throws InterruptedException {
        if (x % 20 == 0 && x >= N / 2) {
            Thread.sleep(1);
        }
        return x;
    }

    /** Counts the records of each key in keyed state and emits (id, count so far); fails once at each failure point. */
    static final class CountingFailingMap extends RichMapFunction<Long, Tuple2<Long, Long>> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public Tuple2<Long, Long> map(Long id) throws Exception {
            if (PENDING_FAILURES.remove(id)) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("Failing at record " + id + " on purpose");
            }
            long c = (count.value() == null ? 0 : count.value()) + 1;
            count.update(c);
            return Tuple2.of(id, c);
        }
    }

    /** Records what it sees as it sees it, without transactions. */
    static final class RecordingSink implements Sink<Tuple2<Long, Long>> {
        @Override
        public SinkWriter<Tuple2<Long, Long>> createWriter(SinkContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Tuple2<Long, Long> idAndCount, long timestamp) {
                    RECEIVED.incrementAndGet();
                    SEEN.merge(idAndCount.f0, 1, Integer::sum);
                    LAST_COUNT.put(idAndCount.f0 % KEYS, idAndCount.f1);
                }

                @Override
                public void close() {}
            };
        }
    }

    @ParameterizedTest
    @EnumSource(CheckpointingMode.class)
    void nothingIsLostAndOnlyAtLeastOnceCountsTwice(CheckpointingMode mode) throws Exception {
        PENDING_FAILURES.addAll(FAILURE_AT);
        FAILURES.set(0);
        SEEN.clear();
        LAST_COUNT.clear();
        RECEIVED.set(0);

        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.enableCheckpointing(50, mode);
        env.getCheckpointConfig().setCheckpointDirectory(dir.resolve(mode.name()).toUri().toString());
        env.setRestartStrategy(RestartStrategy.fixedDelay(10, 10));
        env.fromSequence(0, N - 1)
                .map(AtLeastOnceITCase::throttle).returns(Types.LONG)
                .map(AtLeastOnceITCase::lag).returns(Types.LONG).startNewChain()
                .keyBy(x -> x % KEYS, Types.LONG)
                .map(new CountingFailingMap()).returns(Types.TUPLE(Types.LONG, Types.LONG))
                .sinkTo(new RecordingSink());
        JobClient client = env.executeAsync(mode + " with failures");
        client.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        assertEquals(FAILURE_AT.size(), FAILURES.get());
        JobMaster job = CLUSTER.cluster().getJobManager().getJob(client.getJobId());
        assertEquals(FAILURE_AT.size(), job.getNumberOfRestarts());
        assertTrue(job.getRestoredCheckpointId() > 0, "the last restart restored a checkpoint");

        assertEquals(N, SEEN.size(), "distinct ids the sink saw");
        for (long id = 0; id < N; id++) {
            assertTrue(SEEN.containsKey(id), "record " + id + " was lost");
        }
        long countedTwice = 0;
        for (long key = 0; key < KEYS; key++) {
            long records = (N - key + KEYS - 1) / KEYS;
            long counted = LAST_COUNT.get(key);
            assertTrue(counted >= records, "key " + key + " counted " + counted + " of its " + records + " records");
            countedTwice += counted - records;
        }
        if (mode == CheckpointingMode.EXACTLY_ONCE) {
            assertEquals(0, countedTwice, "records counted twice in exactly-once state");
        }
        System.out.printf("%s: %d failures, %d restarts; the sink got %d records for %d ids (%d duplicates);"
                + " the state counted %d records twice%n", mode, FAILURES.get(), job.getNumberOfRestarts(),
                RECEIVED.get(), N, RECEIVED.get() - N, countedTwice);
    }
}
