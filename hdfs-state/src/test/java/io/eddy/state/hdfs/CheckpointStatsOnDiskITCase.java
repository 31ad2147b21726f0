package io.eddy.state.hdfs;

import io.eddy.api.connector.sink.DiscardingSink;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.execution.JobClient;
import io.eddy.api.types.Types;
import io.eddy.runtime.checkpoint.CheckpointStats;
import io.eddy.runtime.checkpoint.CheckpointStatsSnapshot;
import io.eddy.testutils.minicluster.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state sizes in the checkpoint statistics are those of the files on disk (file:// through the Hadoop storage). */
class CheckpointStatsOnDiskITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(1, 2);

    @TempDir
    static Path dir;

    static volatile boolean released;

    static long gate(long v) throws InterruptedException {
        if (!released) {
            Thread.sleep(1);
        }
        return v;
    }

    @Test
    void stateSizesMatchTheStateFilesOfEachCheckpoint() throws Exception {
        StreamExecutionEnvironment env = CLUSTER.env(2);
        env.enableCheckpointing(30);
        env.getCheckpointConfig().setCheckpointDirectory(dir.toUri().toString()).setNumRetainedCheckpoints(1000);
        env.fromSequence(0, 20_000).map(CheckpointStatsOnDiskITCase::gate).returns(Types.LONG)
                .keyBy(v -> (int) (v % 50), Types.INT)
                .map(new FileSavepointITCase.Sum()).returns(Types.TUPLE(Types.INT, Types.LONG))
                .sinkTo(new DiscardingSink<>());
        JobClient client = env.executeAsync("stats on disk");
        long deadline = System.currentTimeMillis() + 60_000;
        while (CLUSTER.cluster().getCheckpointStats(client.getJobId()).completed() < 3) {
            assertTrue(System.currentTimeMillis() < deadline, "three checkpoints in a minute");
            Thread.sleep(10);
        }
        released = true;
        client.getJobExecutionResult().get(1, TimeUnit.MINUTES);

        CheckpointStatsSnapshot stats = CLUSTER.cluster().getCheckpointStats(client.getJobId());
        List<CheckpointStats> completed = stats.history().stream()
                .filter(c -> c.status() == CheckpointStats.Status.COMPLETED).toList();
        assertTrue(completed.size() >= 3, stats.toString());
        for (CheckpointStats c : completed) {
            Path directory = dir.resolve(client.getJobId().toHexString()).resolve("chk-" + c.id());
            assertTrue(c.path().endsWith(client.getJobId().toHexString() + "/chk-" + c.id()), c.path());
            // every state file has a header and a footer around the state bytes the handle counts
            assertTrue(c.stateSize() > 0);
            assertEquals(stateBytesOnDisk(directory), c.stateSize(), "checkpoint " + c.id());
        }
    }

    /** The state bytes of the files in a checkpoint directory: all but the metadata and Hadoop's checksum files. */
    private static long stateBytesOnDisk(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> !f.getFileName().toString().equals("_metadata")
                    && !f.getFileName().toString().startsWith(".")).mapToLong(f -> {
                        try {
                            return Files.size(f) - StateFileFormat.HEADER_LENGTH - StateFileFormat.FOOTER_LENGTH;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).sum();
        }
    }
}
