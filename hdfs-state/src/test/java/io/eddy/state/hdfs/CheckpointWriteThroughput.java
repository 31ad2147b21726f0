package io.eddy.state.hdfs;

import io.eddy.runtime.checkpoint.CheckpointLocation;
import io.eddy.runtime.checkpoint.CheckpointLocation.StateOutputStream;
import io.eddy.runtime.checkpoint.StateHandle;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes and reads back 100 MB of state (in 1 MB writes, one file) on {@code file://} and on a
 * one-DataNode MiniDFSCluster, and prints MB/s. A measurement, not a test: run its {@code main}.
 * Both file systems are on this machine's disk, so the figures compare overheads, not clusters.
 *
 * <pre>
 * mvn -q -B -pl hdfs-state -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * cd hdfs-state &amp;&amp; java $ADD_OPENS -cp "target/test-classes:target/classes:../container-runtime/target/classes:\
 *     ../framework-api/target/classes:$(cat target/test-classpath.txt)" io.eddy.state.hdfs.CheckpointWriteThroughput
 * </pre>
 * where {@code $ADD_OPENS} is the {@code eddy.addOpens} property of the root pom.
 */
public final class CheckpointWriteThroughput {
    private static final int MB = 1024 * 1024;
    private static final int TOTAL_MB = 100;

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("eddy-throughput");
        MiniDFSCluster cluster = MiniDfsCheckpointStorageTest.startMiniDfsCluster(work.resolve("dfs"));
        try {
            measure("file://", new HadoopCheckpointStorage(work.resolve("local").toUri().toString(), new Configuration()));
            measure("hdfs:// (MiniDFSCluster)", new HadoopCheckpointStorage(cluster.getURI() + "/eddy", cluster.getConfiguration(0)));
        } finally {
            cluster.shutdown();
        }
    }

    private static void measure(String name, HadoopCheckpointStorage storage) throws IOException {
        byte[] chunk = new byte[MB];
        new Random(1).nextBytes(chunk);
        run(storage, chunk, 1, 20); // warm up the JIT and the file system
        for (long round = 2; round <= 4; round++) {
            long[] nanos = run(storage, chunk, round, TOTAL_MB);
            System.out.printf("%-26s write %7.1f MB/s   read+verify %7.1f MB/s   (%d MB)%n",
                    name, TOTAL_MB / (nanos[0] / 1e9), TOTAL_MB / (nanos[1] / 1e9), TOTAL_MB);
        }
    }

    private static long[] run(HadoopCheckpointStorage storage, byte[] chunk, long checkpointId, int megabytes)
            throws IOException {
        CheckpointLocation location = storage.initializeCheckpoint("throughput", checkpointId);
        long start = System.nanoTime();
        StateHandle handle;
        try (StateOutputStream out = location.createStateOutput("state")) {
            for (int i = 0; i < megabytes; i++) {
                out.write(chunk);
            }
            handle = out.closeAndGetHandle();
        }
        long written = System.nanoTime();
        byte[] buffer = new byte[MB];
        try (InputStream in = storage.openState(handle)) {
            while (in.read(buffer) >= 0) {
                // reading to the end verifies the checksum
            }
        }
        long read = System.nanoTime();
        storage.discard(location.pointer());
        return new long[] {written - start, read - written};
    }
}
