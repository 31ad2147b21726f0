package io.eddy.runtime.checkpoint;

import io.eddy.testutils.checkpoint.InMemoryCheckpointStorageFactory;
import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;
import io.eddy.api.datastream.DataStream;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.eventtime.WatermarkStrategy;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.VertexDetails;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.api.windowing.assigners.TumblingEventTimeWindows;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A keyed running sum is stopped with a savepoint half-way and resumed from it as a changed job
 * with the same uids: its final sums are those of an uninterrupted run, and no record is summed
 * after the savepoint by the stopped job or twice. A stop whose savepoint fails leaves the job
 * running; a stop with drain fires the event-time windows first.
 */
class SavepointITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 2);

    private static final long N = 20_000;
    private static final int KEYS = 7;
    private static final String SAVEPOINTS = InMemoryCheckpointStorageFactory.DIRECTORY + "savepoints";

    /** Until set, records of the second half are slowed down so the savepoint comes before the end. */
    static volatile boolean released;
    /** Records the gate passed after the release: the resumed job's share. */
    static final AtomicLong AFTER_RELEASE = new AtomicLong();
    /** Records summed, over all runs. */
    static final AtomicLong SUMMED = new AtomicLong();

    @BeforeEach
    void reset() {
        released = false;
        AFTER_RELEASE.set(0);
        SUMMED.set(0);
        CheckpointRecoveryITCase.LATEST.clear();
        CheckpointRecoveryITCase.FAILURE_POINTS.clear();
    }

    static long gate(long v) throws InterruptedException {
        if (!released && v % 1000 >= 500) {
            Thread.sleep(1);
        }
        if (released) {
            AFTER_RELEASE.incrementAndGet();
        }
        return v;
    }

    static Tuple2<Integer, Long> summed(Tuple2<Integer, Long> sum) {
        SUMMED.incrementAndGet();
        return sum;
    }

    private static Map<Integer, Long> expectedSums() {
        Map<Integer, Long> sums = new HashMap<>();
        for (long v = 0; v < N; v++) {
            sums.merge((int) (v % KEYS), v, Long::sum);
        }
        return sums;
    }

    /** Source, gate and sum with uids; {@code changed} adds an operator and names the sink differently. */
    private static JobClient submit(StreamExecutionEnvironment env, boolean changed, String sumUid) throws Exception {
        var gated = env.fromSequence(0, N - 1).uid("numbers").setParallelism(2)
                .map(SavepointITCase::gate).returns(Types.LONG).uid("gate").setParallelism(2);
        if (changed) {
            gated = gated.filter(v -> v >= 0).returns(Types.LONG).setParallelism(2);
        }
        gated.keyBy(v -> (int) (v % KEYS), Types.INT)
                .map(new CheckpointRecoveryITCase.FailingSum()).returns(Types.TUPLE(Types.INT, Types.LONG)).uid(sumUid)
                .map(SavepointITCase::summed).returns(Types.TUPLE(Types.INT, Types.LONG))
                .sinkTo(new CheckpointRecoveryITCase.LatestPerKey()).name(changed ? "sink 2" : "sink");
        return env.executeAsync(changed ? "keyed sum, resumed" : "keyed sum");
    }

    private static JobMaster jobMaster(JobClient client) {
        return CLUSTER.cluster().getJobManager().getJob(client.getJobId());
    }

    /** Submits the first job and waits until every key has a sum. */
    private static JobClient startFirstJob() throws Exception {
        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.getCheckpointConfig().setSavepointDirectory(SAVEPOINTS); // periodic checkpointing stays off
        return startFirstJob(env);
    }

    private static JobClient startFirstJob(StreamExecutionEnvironment env) throws Exception {
        env.setBufferTimeout(0); // records reach the sum at once: any emitted after the savepoint would be summed
        JobClient first = submit(env, false, "sum");
        long deadline = System.currentTimeMillis() + 60_000;
        while (CheckpointRecoveryITCase.LATEST.size() < KEYS && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200);
        return first;
    }

    /** Runs the first job until it has made progress, stops it with a savepoint and returns the savepoint. */
    private static String stopWithSavepoint() throws Exception {
        JobClient first = startFirstJob();
        String savepoint = jobMaster(first).stopWithSavepoint(null, false).get(1, TimeUnit.MINUTES);
        first.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        assertEquals(JobStatus.FINISHED, jobMaster(first).getStatus());
        assertTrue(savepoint.startsWith(SAVEPOINTS + "/savepoint-"), savepoint);
        CompletedCheckpoint metadata = CompletedCheckpoint.fromBytes(
                InMemoryCheckpointStorageFactory.STORAGE.readMetadata(savepoint));
        assertFalse(metadata.vertices().isEmpty());
        assertFalse(expectedSums().equals(CheckpointRecoveryITCase.LATEST), "the savepoint came before the end");
        return savepoint;
    }

    @Test
    void resumedChangedJobEndsWithTheSumsOfAnUninterruptedRun() throws Exception {
        resume(2);
    }

    @Test
    void resumesAtAHigherParallelism() throws Exception {
        resume(4);
    }

    private void resume(int parallelism) throws Exception {
        String savepoint = stopWithSavepoint();
        released = true;
        CheckpointRecoveryITCase.LATEST.clear();
        StreamExecutionEnvironment env = CLUSTER.env(parallelism);
        env.getCheckpointConfig().setSavepointRestorePath(savepoint);
        JobClient second = submit(env, true, "sum");
        second.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        assertEquals(expectedSums(), CheckpointRecoveryITCase.LATEST);
        assertEquals(N, SUMMED.get(), "records summed by both jobs: none after the savepoint in the first, none lost");
        assertTrue(jobMaster(second).getRestoredCheckpointId() > 0);
        assertTrue(AFTER_RELEASE.get() > 0 && AFTER_RELEASE.get() < N,
                "the resumed job read only what the savepoint had not: " + AFTER_RELEASE.get());
        // the savepoint is still there: never deleted by retention
        InMemoryCheckpointStorageFactory.STORAGE.readMetadata(savepoint);
    }

    @Test
    void stateOfAMissingUidFailsTheJobUnlessAllowed() throws Exception {
        String savepoint = stopWithSavepoint();
        released = true;
        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.getCheckpointConfig().setSavepointRestorePath(savepoint);
        JobClient failing = submit(env, true, "renamed-sum");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> failing.getJobExecutionResult().get(1, TimeUnit.MINUTES));
        String message = jobMaster(failing).getFailureCause().getMessage();
        assertTrue(message.contains("[sum]") && message.contains("allow-non-restored-state"), message);
        assertEquals(JobStatus.FAILED, jobMaster(failing).getStatus());

        StreamExecutionEnvironment allowing = CLUSTER.env(2);
        allowing.getCheckpointConfig().setSavepointRestorePath(savepoint).setAllowNonRestoredState(true);
        submit(allowing, true, "renamed-sum").getJobExecutionResult().get(2, TimeUnit.MINUTES);
    }

    /**
     * A job that names neither a checkpoint nor a savepoint directory takes a savepoint into the
     * directory the stop names: the tasks write their state files right there, next to the metadata.
     */
    @Test
    void jobWithoutDirectoriesStopsWithASavepointIntoANamedDirectory() throws Exception {
        JobClient first = startFirstJob(CLUSTER.env(2));
        String target = InMemoryCheckpointStorageFactory.DIRECTORY + "named";
        String savepoint = jobMaster(first).stopWithSavepoint(target, false).get(1, TimeUnit.MINUTES);
        first.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        assertTrue(savepoint.startsWith(target + "/savepoint-"), savepoint);
        CompletedCheckpoint metadata = CompletedCheckpoint.fromBytes(
                InMemoryCheckpointStorageFactory.STORAGE.readMetadata(savepoint));
        int keyedFiles = 0;
        for (List<SubtaskState> subtasks : metadata.vertices().values()) {
            for (SubtaskState subtask : subtasks) {
                for (OperatorSnapshot operator : subtask.operators()) {
                    if (operator.keyedState() != null) {
                        keyedFiles++;
                        assertTrue(operator.keyedState().file().path().startsWith(savepoint + "/"),
                                operator.keyedState().file().path());
                    }
                }
            }
        }
        assertEquals(2, keyedFiles);
        assertEquals(List.of(), InMemoryCheckpointStorageFactory.STORAGE.listCompleted(first.getJobId().toHexString()));

        released = true;
        CheckpointRecoveryITCase.LATEST.clear();
        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.getCheckpointConfig().setSavepointRestorePath(savepoint);
        submit(env, false, "sum").getJobExecutionResult().get(2, TimeUnit.MINUTES);
        assertEquals(expectedSums(), CheckpointRecoveryITCase.LATEST);
        assertEquals(N, SUMMED.get());
    }

    @Test
    void aStopWhoseSavepointFailsLeavesTheJobRunning() throws Exception {
        JobClient client = startFirstJob();
        InMemoryCheckpointStorageFactory.STORAGE.beforeEachWrite(() -> {
            throw new IllegalStateException("disk full");
        });
        try {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> jobMaster(client).stopWithSavepoint(null, false).get(1, TimeUnit.MINUTES));
            assertTrue(e.getCause().getMessage().contains("disk full"), e.getCause().getMessage());
        } finally {
            InMemoryCheckpointStorageFactory.STORAGE.beforeEachWrite(() -> {});
        }
        assertEquals(JobStatus.RUNNING, jobMaster(client).getStatus());
        released = true;
        client.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        assertEquals(expectedSums(), CheckpointRecoveryITCase.LATEST);
        assertEquals(N, SUMMED.get());
    }

    /** Records that left the sources of the windowed job, and records counted by its fired windows. */
    static final AtomicLong EMITTED = new AtomicLong();
    static final AtomicLong WINDOWED = new AtomicLong();

    static long emitted(long v) throws InterruptedException {
        if (v % 10 == 0) {
            Thread.sleep(1);
        }
        EMITTED.incrementAndGet();
        return v;
    }

    /**
     * Event-time windows over two sources that are far apart in event time: only the drain's final
     * watermark fires the windows of the later source. Every record that left a source is counted
     * in a fired window, and the job ends FINISHED with the savepoint.
     */
    @Test
    void stopWithDrainFiresEveryWindow() throws Exception {
        EMITTED.set(0);
        WINDOWED.set(0);
        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.getCheckpointConfig().setSavepointDirectory(SAVEPOINTS);
        env.fromSequence(0, 1_999_999).map(SavepointITCase::emitted).returns(Types.LONG)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forMonotonousTimestamps()
                        .withTimestampAssigner((v, ts) -> v))
                .map(v -> Tuple2.of((int) (v % 2), 1L)).returns(Types.TUPLE(Types.INT, Types.LONG))
                .keyBy(t -> t.f0, Types.INT)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(1000)))
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .sinkTo(new CountingSink());
        JobClient client = env.executeAsync("drained windows");
        while (WINDOWED.get() == 0) {
            Thread.sleep(10);
        }
        String savepoint = jobMaster(client).stopWithSavepoint(null, true).get(1, TimeUnit.MINUTES);
        client.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        assertEquals(JobStatus.FINISHED, jobMaster(client).getStatus());
        assertEquals(EMITTED.get(), WINDOWED.get(), "records counted by fired windows");
        InMemoryCheckpointStorageFactory.STORAGE.readMetadata(savepoint);
    }

    /**
     * Without checkpointing, a bounded source's task finishes at the end of its input, and no
     * savepoint can be taken after that: a stop with drain is refused before anything is drained,
     * and the job goes on running. (The refusal used to fail the job over as if a drained stop's
     * savepoint had failed, so a second request found it FAILING.)
     */
    @Test
    void aRefusedStopWithDrainLeavesTheJobRunning() throws Exception {
        StreamExecutionEnvironment env = CLUSTER.env(1);
        env.getCheckpointConfig().setSavepointDirectory(SAVEPOINTS);
        DataStream<Long> bounded = env.fromSequence(0, 9).name("bounded");
        env.fromSequence(0, Long.MAX_VALUE).name("endless").map(SavepointITCase::emitted).returns(Types.LONG)
                .union(bounded)
                .keyBy(v -> v % 2, Types.LONG)
                .map(v -> v).returns(Types.LONG)
                .sinkTo(new DiscardingSink<>());
        JobClient client = env.executeAsync("partly finished, no checkpointing");
        JobMaster job = jobMaster(client);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!vertexStatus(job, "bounded").equals("FINISHED")) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for the bounded source to finish");
            Thread.sleep(10);
        }
        for (int request = 0; request < 2; request++) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> job.stopWithSavepoint(null, true).get(1, TimeUnit.MINUTES));
            assertTrue(refused.getCause().getMessage().contains("not all of its tasks are running"),
                    refused.getCause().getMessage());
        }
        assertEquals(JobStatus.RUNNING, job.getStatus());
        client.cancel().get(1, TimeUnit.MINUTES);
    }

    private static String vertexStatus(JobMaster job, String name) {
        for (VertexDetails v : job.details().vertices()) {
            if (v.name().contains(name)) {
                return v.status();
            }
        }
        throw new AssertionError("no vertex named " + name);
    }

    /** Adds each window's count to {@link #WINDOWED}. */
    static final class CountingSink implements Sink<Tuple2<Integer, Long>> {
        @Override
        public SinkWriter<Tuple2<Integer, Long>> createWriter(SinkContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Tuple2<Integer, Long> window, long timestamp) {
                    WINDOWED.addAndGet(window.f1);
                }

                @Override
                public void close() {}
            };
        }
    }

    @Test
    void savepointWithoutTargetDirectoryNamesTheOption() throws Exception {
        StreamExecutionEnvironment env = CLUSTER.env(1);
        env.getCheckpointConfig().setCheckpointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY);
        JobClient client = submit(env, false, "sum");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> jobMaster(client).triggerSavepoint(null).get(1, TimeUnit.MINUTES));
        assertTrue(e.getCause().getMessage().contains("state.savepoints.dir"), e.getCause().getMessage());
        released = true;
        client.getJobExecutionResult().get(2, TimeUnit.MINUTES);
    }
}
