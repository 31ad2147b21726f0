package io.eddy.state.hdfs;

import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.CheckpointStorageFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.net.URI;

/**
 * Checkpoint directories on any file system Hadoop serves ({@code hdfs://}, {@code file://}, paths
 * on {@code fs.defaultFS}), with Hadoop's settings from the class path.
 */
public final class HadoopCheckpointStorageFactory implements CheckpointStorageFactory {
    @Override
    public boolean accepts(String directory) {
        String scheme;
        try {
            scheme = URI.create(directory).getScheme();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (scheme == null) {
            return true;
        }
        try {
            FileSystem.getFileSystemClass(scheme, ForklessLocalFileSystem.hadoopConfiguration());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public CheckpointStorage create(String directory) throws IOException {
        return new HadoopCheckpointStorage(directory, ForklessLocalFileSystem.hadoopConfiguration());
    }
}
