package io.eddy.state.hdfs;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The exactly-once file sink on {@code file://}. */
class ExactlyOnceFileSinkTest extends ExactlyOnceFileSinkTestBase {
    @TempDir
    static Path dir;

    @Override
    String baseUri() {
        return dir.toUri().toString().replaceAll("/$", "");
    }

    @Override
    Configuration hadoopConf() {
        return new Configuration();
    }
}
