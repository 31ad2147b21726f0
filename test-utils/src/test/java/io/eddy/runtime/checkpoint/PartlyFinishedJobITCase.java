package io.eddy.runtime.checkpoint;

import io.eddy.testutils.checkpoint.InMemoryCheckpointStorageFactory;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.execution.VertexDetails;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.Output;
import io.eddy.api.operators.StreamOperator;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.OperatorListState;
import io.eddy.api.types.Types;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job whose bounded part ends long before its unbounded part: checkpoints and savepoints go on
 * while the bounded part waits FINISHING, the exactly-once sink commits the bounded output before
 * the job ends, and a restore from such a checkpoint or stop savepoint neither reads the bounded
 * part again nor ends its input twice.
 *
 * <p>The bounded vertex (a sequence, tagged "b:", and {@link CountAtEnd}, which emits its count at
 * the end of its input) and the unbounded one (a sequence tagged "u:", slow until the test
 * releases it) are unioned and keyed into a {@link RecordingSink}.
 */
class PartlyFinishedJobITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 2);

    private static final long BOUNDED = 2_000;
    private static final long UNBOUNDED = 60_000;
    private static final String SINK = "partly-finished";
    private static final String COUNT = "count at end";
    private static final String SAVEPOINTS = InMemoryCheckpointStorageFactory.DIRECTORY + "partly-finished-savepoints";

    /** Until set, each record of the unbounded part takes a millisecond. */
    static volatile boolean released;
    /** Set by the test: the next record at the sink fails its task, once. */
    static final AtomicBoolean FAIL = new AtomicBoolean();
    /** Bounded records read by the sources, over all attempts and jobs. */
    static final AtomicLong BOUNDED_READ = new AtomicLong();
    /** Counts {@link CountAtEnd} emitted, over all attempts and jobs. */
    static final AtomicInteger COUNTS_EMITTED = new AtomicInteger();

    /** A failed test's job would go on committing into the next test's sink. */
    @AfterEach
    void cancelJobs() {
        CLUSTER.cluster().getJobManager().getJobs().forEach(JobMaster::cancel);
    }

    @BeforeEach
    void reset() {
        RecordingSink.reset(SINK);
        released = false;
        FAIL.set(false);
        BOUNDED_READ.set(0);
        COUNTS_EMITTED.set(0);
    }

    /** Counts its records, passes them on and emits the count at the end of its input. */
    static final class CountAtEnd extends StreamOperator<String> implements OneInputOperator<String> {
        private transient OperatorListState<Long> state;
        private transient long count;

        @Override
        public void open() throws Exception {
            state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("count", Types.LONG));
            for (Long c : state.get()) {
                count += c;
            }
        }

        @Override
        public void processElement(String value, long timestamp) {
            count++;
            output.collect(value, timestamp);
        }

        @Override
        public void snapshotState(long checkpointId) throws Exception {
            state.update(List.of(count));
        }

        @Override
        public void endInput() {
            COUNTS_EMITTED.incrementAndGet();
            output.collect("count:" + count, Output.NO_TIMESTAMP);
            count = 0; // emitted: a repeated end of input (partly finished vertex restored) emits no more
        }
    }

    static String bounded(long v) {
        BOUNDED_READ.incrementAndGet();
        return "b:" + v;
    }

    static String unbounded(long v) throws InterruptedException {
        if (!released) {
            Thread.sleep(1);
        }
        return "u:" + v;
    }

    /** Fails its task once when the test asks for it; only on the first attempt. */
    static final class FailsWhenAsked extends RichMapFunction<String, String> {
        @Override
        public String map(String value) {
            if (getRuntimeContext().getAttemptNumber() == 0 && FAIL.compareAndSet(true, false)) {
                throw new IllegalStateException("Failing on purpose after the bounded part finished");
            }
            return value;
        }
    }

    private static JobClient submit(String restorePath) throws Exception {
        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.enableCheckpointing(50);
        env.getCheckpointConfig().setCheckpointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY)
                .setSavepointDirectory(SAVEPOINTS);
        if (restorePath != null) {
            env.getCheckpointConfig().setSavepointRestorePath(restorePath);
        }
        env.setRestartStrategy(RestartStrategy.fixedDelay(2, 10));
        DataStream<String> bounded = env.fromSequence(0, BOUNDED - 1).uid("bounded")
                .map(PartlyFinishedJobITCase::bounded).returns(Types.STRING).uid("bounded-tag")
                .transform(COUNT, Types.STRING, new CountAtEnd()).uid("count");
        DataStream<String> unbounded = env.fromSequence(0, UNBOUNDED - 1).uid("unbounded")
                .map(PartlyFinishedJobITCase::unbounded).returns(Types.STRING).uid("unbounded-tag");
        bounded.union(unbounded).keyBy(s -> s, Types.STRING)
                .map(new FailsWhenAsked()).returns(Types.STRING).uid("fails")
                .sinkTo(new RecordingSink<>(SINK)).name(SINK).uid("sink");
        return env.executeAsync("partly finished");
    }

    private static JobMaster jobMaster(JobClient client) {
        return CLUSTER.cluster().getJobManager().getJob(client.getJobId());
    }

    /**
     * Waits until the bounded vertex is FINISHING, two more checkpoints completed since and the
     * bounded output is committed, while the unbounded part still runs.
     */
    private static JobMaster awaitCheckpointsAfterTheBoundedPartEnded(JobClient client) throws InterruptedException {
        JobMaster job = jobMaster(client);
        await(() -> boundedVertexStatus(job).equals("FINISHING"), "the bounded vertex to wait FINISHING");
        long completed = job.getCheckpointCoordinator().numberOfCompletedCheckpoints();
        await(() -> job.getCheckpointCoordinator().numberOfCompletedCheckpoints() >= completed + 2,
                "checkpoints after the bounded part ended");
        awaitBoundedOutputCommitted();
        assertEquals(JobStatus.RUNNING, job.getStatus());
        assertEquals("FINISHING", boundedVertexStatus(job));
        return job;
    }

    private static String boundedVertexStatus(JobMaster job) {
        for (VertexDetails v : job.details().vertices()) {
            if (v.name().contains(COUNT)) {
                return v.status();
            }
        }
        throw new AssertionError("no vertex named " + COUNT);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    /** The output of a run without failures or stops, as a multiset. */
    private static Map<String, Integer> expected() {
        Map<String, Integer> lines = new HashMap<>();
        for (long v = 0; v < BOUNDED; v++) {
            lines.merge("b:" + v, 1, Integer::sum);
        }
        for (long v = 0; v < UNBOUNDED; v++) {
            lines.merge("u:" + v, 1, Integer::sum);
        }
        lines.merge("count:" + BOUNDED / 2, 2, Integer::sum); // each bounded subtask reads half
        return lines;
    }

    private static Map<String, Integer> committed() {
        Map<String, Integer> lines = new HashMap<>();
        RecordingSink.committed(SINK).forEach(line -> lines.merge((String) line, 1, Integer::sum));
        return lines;
    }

    private static void assertCommittedExactlyOnce() {
        Map<String, Integer> surplus = committed();
        expected().forEach((line, count) -> surplus.merge(line, -count, Integer::sum));
        surplus.values().removeIf(count -> count == 0);
        assertEquals(Map.of(), surplus, "lines committed more (> 0) or fewer (< 0) times than expected");
        assertEquals(BOUNDED, BOUNDED_READ.get(), "bounded records read: once, never replayed");
        assertEquals(2, COUNTS_EMITTED.get(), "counts emitted at the end of input: once per bounded subtask");
    }

    /** The notification of a completed checkpoint reaches the sink a little after its completion. */
    private static void awaitBoundedOutputCommitted() throws InterruptedException {
        await(() -> {
            Map<String, Integer> committed = committed();
            for (long v = 0; v < BOUNDED; v++) {
                if (committed.getOrDefault("b:" + v, 0) != 1) {
                    return false;
                }
            }
            return committed.getOrDefault("count:" + BOUNDED / 2, 0) == 2;
        }, "the bounded output to be committed");
    }

    @Test
    void checkpointsAndSavepointsGoOnAfterTheBoundedPartEndedAndAStopSavepointResumesExactly() throws Exception {
        JobClient first = submit(null);
        JobMaster job = awaitCheckpointsAfterTheBoundedPartEnded(first);
        CheckpointStatsSnapshot stats = job.getCheckpointStats();
        assertTrue(stats.completed() >= 2, "completed checkpoints: " + stats.completed());
        assertEquals(6, stats.latestCompleted().acknowledgedSubtasks(), "every subtask, FINISHING ones too");

        String savepoint = job.triggerSavepoint(null).get(1, TimeUnit.MINUTES);
        assertInputEnded(savepoint, job, false);

        String stop = job.stopWithSavepoint(null, false).get(1, TimeUnit.MINUTES);
        first.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        assertEquals(JobStatus.FINISHED, job.getStatus());
        assertInputEnded(stop, job, false);
        assertTrue(committed().size() < expected().size(), "the stop came before the end of the unbounded part");

        released = true;
        JobClient resumed = submit(stop);
        resumed.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        assertEquals(JobStatus.FINISHED, jobMaster(resumed).getStatus());
        assertCommittedExactlyOnce();
    }

    /**
     * A drain while the bounded part waits FINISHING: the unbounded sources end their input, the
     * final savepoint is taken once every task waits, and each line is committed once.
     */
    @Test
    void drainWhileTheBoundedPartIsFinishingTakesTheFinalSavepoint() throws Exception {
        JobClient client = submit(null);
        JobMaster job = awaitCheckpointsAfterTheBoundedPartEnded(client);
        String savepoint = job.stopWithSavepoint(null, true).get(1, TimeUnit.MINUTES);
        client.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        assertEquals(JobStatus.FINISHED, job.getStatus());
        assertInputEnded(savepoint, job, true);
        Map<String, Integer> committed = committed();
        assertEquals(2, committed.remove("count:" + BOUNDED / 2), "the counts of both bounded subtasks");
        committed.forEach((line, count) -> assertEquals(1, count, line));
        assertEquals(2, COUNTS_EMITTED.get());
        for (long v = 0; v < BOUNDED; v++) {
            assertTrue(committed.containsKey("b:" + v), "b:" + v);
        }
        assertTrue(committed.size() < expected().size(), "the drain ended the unbounded part early");
    }

    /**
     * In the savepoint's metadata, the bounded vertex's subtasks had ended their input; the others
     * had if {@code allEnded} (a drain).
     */
    private static void assertInputEnded(String savepoint, JobMaster job, boolean allEnded) throws Exception {
        CompletedCheckpoint metadata = CompletedCheckpoint.fromBytes(
                InMemoryCheckpointStorageFactory.STORAGE.readMetadata(savepoint));
        for (VertexDetails v : job.details().vertices()) {
            List<SubtaskState> subtasks = metadata.vertices().get(v.id());
            assertNotNull(subtasks, v.name());
            List<Boolean> ended = new ArrayList<>();
            subtasks.forEach(s -> ended.add(s.inputEnded()));
            boolean expected = allEnded || v.name().contains(COUNT);
            assertEquals(List.of(expected, expected), ended, v.name());
        }
    }

    @Test
    void failureAfterTheBoundedPartFinishedRestoresWithoutEndingItsInputAgain() throws Exception {
        JobClient client = submit(null);
        JobMaster job = awaitCheckpointsAfterTheBoundedPartEnded(client);
        FAIL.set(true);
        await(() -> job.getNumberOfRestarts() == 1, "the restart");
        released = true;
        client.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        assertEquals(JobStatus.FINISHED, job.getStatus());
        assertEquals(1, job.getNumberOfRestarts());
        assertTrue(job.getRestoredCheckpointId() > 0, "the restart restored a checkpoint");
        assertCommittedExactlyOnce();
    }
}
