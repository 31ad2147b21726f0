package io.eddy.runtime.checkpoint;

import io.eddy.testutils.checkpoint.InMemoryCheckpointStorageFactory;
import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.JobStatus;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.execution.VertexDetails;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.Types;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly-once output of a bounded job with checkpointing: sinks whose input ended publish their
 * last transaction only with the final checkpoint, so a failure elsewhere in the job after they
 * reached their end cannot make the restarted job write their output twice.
 *
 * <p>The job has two pipelines. "sums" is a keyed running sum at parallelism 2 whose source
 * subtask 0 finishes long before subtask 1; it writes its sums through a {@link RecordingSink}. "other" is a slow pipeline whose subtask 1 fails once, after the sums'
 * sink reached the end of its input (before, that sink committed everything there and then).
 */
class FinalCheckpointITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 2);

    private static final long N = 20_000;
    private static final int KEYS = 5;
    private static final String SINK = "final-checkpoint";

    static volatile boolean failOnce;
    static final AtomicInteger FAILURES = new AtomicInteger();

    @BeforeEach
    void reset() {
        RecordingSink.reset(SINK);
        FAILURES.set(0);
        CheckpointRecoveryITCase.FAILURE_POINTS.clear(); // its sum must not fail here
    }

    /** Each source subtask has its own keys, so every key sees its values in order and its sums are exact. */
    static int key(long v) {
        return (v < N / 2 ? 0 : KEYS) + (int) (v % KEYS);
    }

    /** Source subtask 1 (the second half) is four times slower than subtask 0. */
    static long pace(long v) throws InterruptedException {
        if (v % (v < N / 2 ? 20 : 5) == 0) {
            Thread.sleep(1);
        }
        return v;
    }

    /**
     * Slow on the first attempt; subtask 1 fails there once the sums' sink reached the end of its
     * input (no subtask of its vertex is running any more).
     */
    static final class FailsAfterTheSumsEnded extends RichMapFunction<Long, Long> {
        @Override
        public Long map(Long value) throws Exception {
            if (getRuntimeContext().getAttemptNumber() > 0) {
                return value;
            }
            Thread.sleep(1);
            if (failOnce && getRuntimeContext().getIndexOfThisSubtask() == 1 && value % 10 == 0 && sumsEnded()) {
                failOnce = false;
                FAILURES.incrementAndGet();
                throw new IllegalStateException("Failing on purpose after the sums' sink reached its end");
            }
            return value;
        }

        private static boolean sumsEnded() {
            for (JobMaster job : CLUSTER.cluster().getJobManager().getJobs()) {
                for (VertexDetails v : job.details().vertices()) {
                    if (v.name().contains(SINK) && !v.status().equals("RUNNING") && !v.status().equals("DEPLOYING")) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** The running sum's outputs: (value % 7, the sum of the value's key so far), as text. */
    private static List<String> expectedLines() {
        Map<Integer, Long> sums = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (long v = 0; v < N; v++) {
            lines.add(Tuple2.of((int) (v % 7), sums.merge(key(v), v, Long::sum)).toString());
        }
        return lines;
    }

    private static List<String> committedLines() {
        List<String> lines = new ArrayList<>();
        RecordingSink.committed(SINK).forEach(sum -> lines.add(sum.toString()));
        return lines;
    }

    private static JobMaster run(boolean fail) throws Exception {
        failOnce = fail;
        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.enableCheckpointing(50);
        env.getCheckpointConfig().setCheckpointDirectory(InMemoryCheckpointStorageFactory.DIRECTORY);
        env.setRestartStrategy(RestartStrategy.fixedDelay(3, 10));
        env.fromSequence(0, N - 1).map(FinalCheckpointITCase::pace).returns(Types.LONG)
                .keyBy(FinalCheckpointITCase::key, Types.INT)
                .map(new CheckpointRecoveryITCase.FailingSum()).returns(Types.TUPLE(Types.INT, Types.LONG))
                .sinkTo(new RecordingSink<>(SINK)).name(SINK);
        env.fromSequence(0, 20_000).map(new FailsAfterTheSumsEnded()).returns(Types.LONG)
                .sinkTo(new DiscardingSink<>());
        JobClient client = env.executeAsync("final checkpoint");
        client.getJobExecutionResult().get(2, TimeUnit.MINUTES);
        return CLUSTER.cluster().getJobManager().getJob(client.getJobId());
    }

    @Test
    void failureAfterASinkReachedItsEndDuplicatesNothing() throws Exception {
        JobMaster job = run(true);
        assertEquals(1, FAILURES.get());
        assertEquals(1, job.getNumberOfRestarts());
        assertTrue(job.getRestoredCheckpointId() > 0, "the restart restored a checkpoint");
        assertCommittedExactlyOnce();
    }

    @Test
    void boundedJobCommitsEverythingWithTheFinalCheckpointAndFinishes() throws Exception {
        JobMaster job = run(false);
        assertEquals(JobStatus.FINISHED, job.getStatus());
        assertEquals(0, job.getNumberOfRestarts());
        assertTrue(job.getCheckpointCoordinator().numberOfCompletedCheckpoints() > 0);
        assertCommittedExactlyOnce();
    }

    /** Compares as multisets, reporting only the lines that differ. */
    private static void assertCommittedExactlyOnce() {
        Map<String, Integer> surplus = new HashMap<>();
        committedLines().forEach(line -> surplus.merge(line, 1, Integer::sum));
        expectedLines().forEach(line -> surplus.merge(line, -1, Integer::sum));
        surplus.values().removeIf(count -> count == 0);
        assertEquals(Map.of(), surplus, "lines committed more (> 0) or fewer (< 0) times than expected");
    }
}
