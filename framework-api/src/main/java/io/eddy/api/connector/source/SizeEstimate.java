package io.eddy.api.connector.source;

import io.eddy.api.fs.FileStatus;
import io.eddy.api.fs.FileSystems;

import java.io.IOException;
import java.io.Serializable;

/**
 * What a bounded source knows about its size before it runs, for the batch optimizer's choices
 * (which side of a join to broadcast or build): a number of records, a number of bytes, or both;
 * {@value #UNKNOWN} where it does not know.
 */
public record SizeEstimate(long records, long bytes) implements Serializable {
    public static final long UNKNOWN = -1;
    public static final SizeEstimate NONE = new SizeEstimate(UNKNOWN, UNKNOWN);

    /** The total length of a file or of the visible files of a directory; {@link #NONE} if it cannot be listed. */
    public static SizeEstimate ofFiles(String path) {
        try {
            long total = 0;
            for (FileStatus file : FileSystems.get(path).listFiles(path)) {
                total += file.length();
            }
            return new SizeEstimate(UNKNOWN, total);
        } catch (IOException | RuntimeException e) {
            return NONE; // an estimate only: a missing input fails later with its own message
        }
    }
}
