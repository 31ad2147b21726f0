package io.eddy.state.hdfs;

import io.eddy.state.hdfs.testing.CommittedOutput;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.CheckpointingMode;
import io.eddy.api.execution.JobClient;
import io.eddy.api.execution.RestartStrategy;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeHint;
import io.eddy.runtime.jobmaster.JobMaster;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly once on HDFS end to end: a keyed running sum checkpoints to {@code hdfs://} and writes
 * through the {@link ExactlyOnceFileSink} to {@code hdfs://}, while a user function throws at
 * chosen records, once each. The committed files on HDFS hold exactly the lines of a run without
 * failures, and nothing in progress or pending is left.
 */
class MiniDfsExactlyOnceITCase {
    private static final long N = 30_000;
    private static final long KEYS = 9;
    /** Records at which {@link #failOnce} throws, once each (early, middle and late in the input). */
    private static final List<Long> FAILURE_AT = List.of(N / 5 + 7, N / 2 + 1, N * 4 / 5 + 3);

    static final Set<Long> PENDING_FAILURES = ConcurrentHashMap.newKeySet();
    static final AtomicInteger FAILURES = new AtomicInteger();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(2, 2);

    private static MiniDFSCluster hdfs;

    @BeforeAll
    static void startHdfs(@TempDir java.nio.file.Path dir) throws IOException {
        hdfs = MiniDfsCheckpointStorageTest.startMiniDfsCluster(dir);
    }

    @AfterAll
    static void stopHdfs() {
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    /** Throws the first time it meets a failure point; slows the input down so checkpoints fall between failures. */
    static long failOnce(long x) throws InterruptedException {
        if (PENDING_FAILURES.remove(x)) {
            FAILURES.incrementAndGet();
            throw new IllegalStateException("Failing at record " + x + " on purpose");
        }
        if (x % 10 == 0) {
            Thread.sleep(1);
        }
        return x;
    }

    @Test
    void checkpointsAndCommittedFilesOnHdfsAreExactAfterFailures() throws Exception {
        PENDING_FAILURES.addAll(FAILURE_AT);
        String base = hdfs.getURI() + "/exactly-once";
        Path out = new Path(base + "/out");
        String checkpoints = base + "/checkpoints";

        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.enableCheckpointing(100, CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig().setCheckpointDirectory(checkpoints);
        env.setRestartStrategy(RestartStrategy.fixedDelay(10, 10));
        // one source subtask: each key sees its values in order, so the running sums are deterministic
        env.fromSequence(0, N - 1).setParallelism(1)
                .map(MiniDfsExactlyOnceITCase::failOnce).setParallelism(1)
                .map(x -> Tuple2.of(x % KEYS, x), new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo()).setParallelism(1)
                .keyBy(0)
                .sum(1)
                .map(t -> t.f0 + " " + t.f1)
                .sinkTo(ExactlyOnceFileSink.forRowFormat(out.toString(), Encoder.<String>toStringLines()).build());
        JobClient client = env.executeAsync("exactly once on hdfs");
        client.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        assertEquals(FAILURE_AT.size(), FAILURES.get());
        JobMaster job = CLUSTER.cluster().getJobManager().getJob(client.getJobId());
        assertEquals(FAILURE_AT.size(), job.getNumberOfRestarts());
        assertTrue(job.getRestoredCheckpointId() > 0, "the last restart restored a checkpoint");
        FileSystem fs = out.getFileSystem(hdfs.getConfiguration(0));
        Path jobCheckpoints = new Path(checkpoints + "/" + client.getJobId().toHexString());
        assertTrue(fs.globStatus(new Path(jobCheckpoints, "chk-*/_metadata")).length > 0, "a checkpoint on HDFS");

        // HDFS keeps no checksum files: anything but part files is debris
        CommittedOutput output = CommittedOutput.read(out, hdfs.getConfiguration(0));
        output.assertExactly(CommittedOutput.runningSumLines(N, (int) KEYS));
        assertTrue(output.partFiles() > 2, "commits follow checkpoints, not only the end: " + output.partFiles() + " files");
    }
}
