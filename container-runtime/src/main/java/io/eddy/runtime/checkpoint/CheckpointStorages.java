package io.eddy.runtime.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/** The checkpoint storage of a directory, from the {@link CheckpointStorageFactory} that accepts it; one per directory. */
public final class CheckpointStorages {
    private static final Map<String, CheckpointStorage> STORAGES = new ConcurrentHashMap<>();

    private CheckpointStorages() {}

    public static CheckpointStorage forDirectory(String directory, ClassLoader classLoader) throws IOException {
        try {
            return STORAGES.computeIfAbsent(directory, d -> {
                for (CheckpointStorageFactory factory : ServiceLoader.load(CheckpointStorageFactory.class, classLoader)) {
                    if (factory.accepts(d)) {
                        try {
                            return factory.create(d);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                }
                throw new IllegalArgumentException("No checkpoint storage for '" + d + "': is the module that stores"
                        + " checkpoints there (e.g. hdfs-state for hdfs:// and file://) on the class path?");
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
