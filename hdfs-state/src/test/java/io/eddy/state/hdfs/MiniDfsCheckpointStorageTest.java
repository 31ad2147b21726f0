package io.eddy.state.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** The storage on {@code hdfs://}, on one MiniDFSCluster for the whole class (it takes seconds to start). */
class MiniDfsCheckpointStorageTest extends HadoopCheckpointStorageTestBase {
    private static MiniDFSCluster cluster;
    private static Configuration conf;

    @BeforeAll
    static void startCluster(@TempDir Path directory) throws IOException {
        cluster = startMiniDfsCluster(directory);
        conf = cluster.getConfiguration(0);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    /** One NameNode and one DataNode storing their data under {@code directory}. */
    static MiniDFSCluster startMiniDfsCluster(Path directory) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.toString());
        conf.setInt("dfs.replication", 1);
        // closing a file polls the NameNode until the DataNode reported the last block; the default
        // first pause (400 ms) would dominate every test that writes a file
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        return cluster;
    }

    @Override
    String baseUri() {
        return cluster.getURI() + "/eddy";
    }

    @Override
    Configuration hadoopConf() {
        return conf;
    }
}
