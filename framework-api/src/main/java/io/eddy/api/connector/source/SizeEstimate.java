package io.eddy.api.connector.source;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * What a bounded source knows about its size before it runs, for the batch optimizer's choices
 * (which side of a join to broadcast or build): a number of records, a number of bytes, or both;
 * {@value #UNKNOWN} where it does not know.
 */
public record SizeEstimate(long records, long bytes) implements Serializable {
    public static final long UNKNOWN = -1;
    public static final SizeEstimate NONE = new SizeEstimate(UNKNOWN, UNKNOWN);

    /** The total length of a local file or of the visible files of a directory; {@link #NONE} if it cannot be listed. */
    public static SizeEstimate ofFiles(String path) {
        Path p = Paths.get(path.startsWith("file://") ? path.substring("file://".length()) : path);
        try {
            if (Files.isRegularFile(p)) {
                return new SizeEstimate(UNKNOWN, Files.size(p));
            }
            if (!Files.isDirectory(p)) {
                return NONE;
            }
            long total = 0;
            try (Stream<Path> files = Files.list(p)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (Files.isRegularFile(f) && !name.startsWith(".") && !name.startsWith("_")) {
                        total += Files.size(f);
                    }
                }
            }
            return new SizeEstimate(UNKNOWN, total);
        } catch (IOException | RuntimeException e) {
            return NONE; // an estimate only: a missing input fails later with its own message
        }
    }
}
