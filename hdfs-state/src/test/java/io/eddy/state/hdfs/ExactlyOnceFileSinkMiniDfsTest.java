package io.eddy.state.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** The exactly-once file sink on {@code hdfs://}, one MiniDFSCluster for the class. */
class ExactlyOnceFileSinkMiniDfsTest extends ExactlyOnceFileSinkTestBase {
    private static MiniDFSCluster cluster;

    @BeforeAll
    static void startCluster(@TempDir Path directory) throws IOException {
        cluster = MiniDfsCheckpointStorageTest.startMiniDfsCluster(directory);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Override
    String baseUri() {
        return cluster.getURI() + "/sink";
    }

    @Override
    Configuration hadoopConf() {
        return cluster.getConfiguration(0);
    }
}
