package io.eddy.testutils.checkpoint;

import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.CheckpointStorageFactory;

/** Serves {@code mem://} checkpoint directories from one {@link InMemoryCheckpointStorage} per JVM, for tests. */
public final class InMemoryCheckpointStorageFactory implements CheckpointStorageFactory {
    public static final String DIRECTORY = "mem://";
    public static final InMemoryCheckpointStorage STORAGE = new InMemoryCheckpointStorage();

    @Override
    public boolean accepts(String directory) {
        return directory.startsWith(DIRECTORY);
    }

    @Override
    public CheckpointStorage create(String directory) {
        return STORAGE;
    }
}
