package io.eddy.ml.io;

import io.eddy.api.fs.FileSystems;
import io.eddy.api.functions.Partitioner;

import java.io.IOException;
import java.util.List;

/**
 * Partitions records by their input position (as {@link VectorFiles#readIndexed} gives it:
 * {@code fileOrdinal << 40 | byte offset}) into consecutive, equally long byte ranges of the whole
 * input, files taken in their sorted order: every position of partition i comes before every position
 * of partition i + 1. Sorting each partition by position and writing it to its part file
 * ({@link HadoopPaths#partFile}) therefore gives part files that, taken in name order, hold the rows in
 * input order, written by all subtasks at once. The file lengths are read once, on the client.
 *
 * @param fileStarts the offset of each input file's first byte in the concatenated input
 * @param totalBytes the length of the concatenated input
 */
public record InputOrder(long[] fileStarts, long totalBytes) implements Partitioner<Object> {
    private static final long OFFSET_MASK = (1L << 40) - 1;

    /** The order of the files of {@code path} (a file or a directory, as the readers list it). */
    public static InputOrder of(String path) throws IOException {
        List<String> files = HadoopPaths.listFiles(path);
        long[] starts = new long[files.size()];
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            starts[i] = total;
            total += FileSystems.get(files.get(i)).status(files.get(i)).length();
        }
        return new InputOrder(starts, total);
    }

    @Override
    public int partition(Object position, int partitions) {
        long p = (Long) position;
        long offset = fileStarts[(int) (p >>> 40)] + (p & OFFSET_MASK);
        long rangeBytes = Math.max(1, (totalBytes + partitions - 1) / partitions);
        return (int) Math.min(partitions - 1, offset / rangeBytes);
    }
}
