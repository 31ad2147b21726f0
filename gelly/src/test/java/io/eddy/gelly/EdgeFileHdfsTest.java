package io.eddy.gelly;

import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.fs.FileSystems;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link EdgeFileReadTest}'s large edge file on {@code hdfs://} (one MiniDFSCluster for the class): every
 * subtask reads a byte range of the one file, every edge arrives once, and a malformed line is named by
 * its number, counted on HDFS.
 */
@Timeout(300)
class EdgeFileHdfsTest {
    private static MiniDFSCluster dfs;

    @BeforeAll
    static void startDfs(@TempDir Path directory) throws Exception {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.toString());
        conf.setInt("dfs.replication", 1);
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();
    }

    @AfterAll
    static void stopDfs() {
        if (dfs != null) {
            dfs.shutdown();
        }
    }

    private static String uri(String path) {
        return dfs.getURI() + path;
    }

    private static Writer create(String file) throws Exception {
        return new OutputStreamWriter(FileSystems.get(file).create(file, true), StandardCharsets.UTF_8);
    }

    @Test
    void oneEdgeListAndOneCsvFileOnHdfsAreReadByEverySubtask() throws Exception {
        String edges = uri("/graphs/edges.txt");
        try (Writer out = create(edges)) {
            EdgeFileReadTest.writeEdges(out, " ", true);
        }
        String csv = uri("/graphs/edges.csv");
        try (Writer out = create(csv)) {
            EdgeFileReadTest.writeEdges(out, ",", false);
        }
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(3);
        EdgeFileReadTest.assertReadInParallel(EdgeFileReadTest.withReader(Graph.fromEdgeList(edges, env)), 3);
        EdgeFileReadTest.assertReadInParallel(EdgeFileReadTest.withReader(Graph.fromCsvReader(csv, env)
                .edgeTypes(Long.class, Double.class)), 3);
    }

    @Test
    void aMalformedLineOnHdfsIsNamedByItsNumber() throws Exception {
        String file = uri("/graphs/broken.txt");
        try (Writer out = create(file)) {
            for (int i = 0; i < EdgeFileReadTest.EDGES; i++) {
                out.write(i == 180_000 ? "180000 181000 heavy\n" : i + " " + (i + 1) + "\n");
            }
        }
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment().setParallelism(2);
        Exception e = assertThrows(Exception.class, () -> Graph.fromEdgeList(file, env).getEdges().count());
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertEquals("Malformed edge-list line 180001 of " + file + ": the weight 'heavy' is not a number. Line: 180000 181000 heavy",
                root.getMessage());
    }
}
