package io.eddy.runtime.checkpoint;

import java.io.IOException;

/**
 * Creates the {@link CheckpointStorage} for a checkpoint directory; found with
 * {@link java.util.ServiceLoader} (e.g. the Hadoop one of module {@code hdfs-state}).
 */
public interface CheckpointStorageFactory {
    /** Whether this factory handles {@code directory} (usually by its URI scheme). */
    boolean accepts(String directory);

    CheckpointStorage create(String directory) throws IOException;
}
