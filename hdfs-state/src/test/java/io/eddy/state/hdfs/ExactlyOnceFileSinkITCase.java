package io.eddy.state.hdfs;

import io.eddy.state.hdfs.testing.CommittedOutput;
import io.eddy.api.config.Configuration;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.functions.rich.OpenContext;
import io.eddy.api.functions.rich.RichMapFunction;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.Types;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A keyed running sum that fails a few times and writes "key sum" lines through the
 * {@link ExactlyOnceFileSink}: the committed files hold exactly the lines of a run without
 * failures, and nothing in progress or pending is left.
 */
class ExactlyOnceFileSinkITCase {
    private static final long N = 30_000;
    private static final int KEYS = 7;
    private static final long[] FAILURE_AT = {N / 5 + 17, N / 2 + 3, N * 2 / 3 + 11};

    static final Set<Long> FAILURE_POINTS = ConcurrentHashMap.newKeySet();
    static final AtomicInteger FAILURES = new AtomicInteger();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 2);

    @TempDir
    static Path dir;

    /** Sums per key in ValueState and emits "key sum"; throws the first time it meets a failure point. */
    static final class FailingSum extends RichMapFunction<Long, String> {
        private transient ValueState<Long> sum;

        @Override
        public void open(OpenContext context) {
            sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", Types.LONG));
        }

        @Override
        public String map(Long value) throws Exception {
            if (FAILURE_POINTS.remove(value)) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("Failing at " + value + " on purpose");
            }
            long s = (sum.value() == null ? 0 : sum.value()) + value;
            sum.update(s);
            return (value % KEYS) + " " + s;
        }
    }

    static long slow(long v) throws InterruptedException {
        if (v % 200 == 0) {
            Thread.sleep(5); // spread the input over several checkpoint intervals
        }
        return v;
    }

    @Test
    void committedFilesHoldEveryLineExactlyOnceAfterFailures() throws Exception {
        FAILURE_POINTS.clear();
        for (long f : FAILURE_AT) {
            FAILURE_POINTS.add(f);
        }
        FAILURES.set(0);
        Path out = dir.resolve("out");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(2);
        env.enableCheckpointing(50, CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig().setCheckpointDirectory(dir.resolve("checkpoints").toUri().toString());
        env.setRestartStrategy(RestartStrategy.fixedDelay(10, 10));
        // one source subtask: each key sees its values in order, so the running sums are deterministic
        env.fromSequence(0, N - 1).setParallelism(1)
                .map(ExactlyOnceFileSinkITCase::slow).returns(Types.LONG).setParallelism(1)
                .keyBy(v -> (int) (v % KEYS), Types.INT)
                .map(new FailingSum()).returns(Types.STRING)
                .sinkTo(ExactlyOnceFileSink.forRowFormat(out.toUri().toString(), Encoder.<String>toStringLines()).build());
        JobClient client = env.executeAsync("exactly-once file sink");
        client.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        assertEquals(FAILURE_AT.length, FAILURES.get());
        JobMaster job = CLUSTER.cluster().getJobManager().getJob(client.getJobId());
        assertTrue(job.getNumberOfRestarts() >= FAILURE_AT.length, "restarts: " + job.getNumberOfRestarts());
        assertTrue(job.getCheckpointCoordinator().numberOfCompletedCheckpoints() > 0);

        CommittedOutput output = CommittedOutput.read(out.toUri().toString());
        output.assertExactly(CommittedOutput.runningSumLines(N, KEYS));
        assertTrue(output.partFiles() > 2, "commits follow checkpoints, not only the end: " + output.partFiles() + " files");
    }

    @Test
    void withoutCheckpointingEverythingIsCommittedAtTheEnd() throws Exception {
        FAILURE_POINTS.clear();
        Path out = dir.resolve("no-checkpoints");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(2);
        env.fromSequence(0, N - 1).setParallelism(1)
                .keyBy(v -> (int) (v % KEYS), Types.INT)
                .map(new FailingSum()).returns(Types.STRING)
                .sinkTo(ExactlyOnceFileSink.forRowFormat(out.toUri().toString(), Encoder.<String>toStringLines()).build());
        env.execute("file sink without checkpoints");

        CommittedOutput.read(out.toUri().toString()).assertExactly(CommittedOutput.runningSumLines(N, KEYS));
    }
}
