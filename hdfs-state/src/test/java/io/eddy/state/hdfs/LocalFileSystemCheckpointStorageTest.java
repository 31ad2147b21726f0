package io.eddy.state.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The storage on {@code file://}. */
class LocalFileSystemCheckpointStorageTest extends HadoopCheckpointStorageTestBase {
    @TempDir
    static Path directory;

    @Override
    String baseUri() {
        return directory.toUri().toString().replaceAll("/$", "");
    }

    @Override
    Configuration hadoopConf() {
        return new Configuration();
    }
}
