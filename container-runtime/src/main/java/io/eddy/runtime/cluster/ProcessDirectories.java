package io.eddy.runtime.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The temporary directories a cluster process keeps for its own life (the jars of its jobs): deleted
 * when the process closes, so that neither embedded runs nor restarted processes fill the temp disk.
 */
final class ProcessDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessDirectories.class);

    private ProcessDirectories() {}

    /** Deletes {@code directory} and everything in it; a failure is logged, as the process is stopping. */
    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot delete {}: {}", directory, e.toString());
        }
    }
}
