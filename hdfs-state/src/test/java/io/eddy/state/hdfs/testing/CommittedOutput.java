package io.eddy.state.hdfs.testing;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What an exactly-once file sink left in its directory, on any Hadoop file system: the lines of its
 * visible part files and the names of everything else (in-progress or pending debris; Hadoop's
 * local checksum files are left out). For tests that compare output after failures with the output
 * of a run without them.
 */
public record CommittedOutput(List<String> sortedLines, int partFiles, List<String> debris) {

    public static CommittedOutput read(String directory) throws IOException {
        return read(new Path(directory), new Configuration());
    }

    public static CommittedOutput read(Path directory, Configuration conf) throws IOException {
        FileSystem fs = directory.getFileSystem(conf);
        List<String> lines = new ArrayList<>();
        List<String> debris = new ArrayList<>();
        int partFiles = 0;
        for (FileStatus file : fs.listStatus(directory)) {
            String name = file.getPath().getName();
            if (name.startsWith("part-")) {
                partFiles++;
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(fs.open(file.getPath()), StandardCharsets.UTF_8))) {
                    reader.lines().forEach(lines::add);
                }
            } else if (!name.endsWith(".crc")) {
                debris.add(name);
            }
        }
        Collections.sort(lines);
        return new CommittedOutput(lines, partFiles, debris);
    }

    /** The "key sum" lines of a keyed running sum over 0..n-1 with key {@code i % keys}, sorted. */
    public static List<String> runningSumLines(long n, int keys) {
        long[] sums = new long[keys];
        List<String> lines = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            int key = (int) (i % keys);
            sums[key] += i;
            lines.add(key + " " + sums[key]);
        }
        Collections.sort(lines);
        return lines;
    }

    /** Nothing but visible part files, holding exactly {@code expected} (sorted): none lost, none twice. */
    public void assertExactly(List<String> expected) {
        assertEquals(List.of(), debris, "no in-progress or pending files");
        assertEquals(expected.size(), sortedLines.size(), "number of committed lines");
        assertEquals(expected, sortedLines);
    }
}
