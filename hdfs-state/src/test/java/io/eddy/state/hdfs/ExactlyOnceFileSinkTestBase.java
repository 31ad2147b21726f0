package io.eddy.state.hdfs;

import io.eddy.runtime.checkpoint.StateHandle;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The part files of an {@link ExactlyOnceFileSink} through its real operator ({@link SinkSubtask}):
 * life cycle, rolling, recovery and rescaling, on the file system of a subclass.
 */
abstract class ExactlyOnceFileSinkTestBase {
    private FileSystem fs;
    private Path out;
    private HadoopCheckpointStorage storage;

    /** A directory URI of the file system under test, unique to the test class. */
    abstract String baseUri();

    abstract Configuration hadoopConf();

    @BeforeEach
    void createDirectories() throws IOException {
        String test = baseUri() + "/" + UUID.randomUUID();
        out = new Path(test + "/out");
        fs = out.getFileSystem(hadoopConf());
        storage = new HadoopCheckpointStorage(test + "/checkpoints", hadoopConf());
    }

    private ExactlyOnceFileSink<String> lineSink(RollingPolicy policy) {
        return ExactlyOnceFileSink.forRowFormat(out.toString(), Encoder.<String>toStringLines())
                .withRollingPolicy(policy).build();
    }

    private <T> SinkSubtask<T> subtask(ExactlyOnceFileSink<T> sink, int index, int parallelism,
            List<StateHandle> restore) throws Exception {
        return new SinkSubtask<>(sink, index, parallelism, restore, storage);
    }

    private <T> SinkSubtask<T> subtask(ExactlyOnceFileSink<T> sink) throws Exception {
        return subtask(sink, 0, 1, List.of());
    }

    /** File names in the output directory, sorted, without the local file system's checksum files. */
    private List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        for (FileStatus s : fs.listStatus(out)) {
            String name = s.getPath().getName();
            if (!name.endsWith(".crc")) {
                names.add(name);
            }
        }
        Collections.sort(names);
        return names;
    }

    private List<String> lines(String name) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(new Path(out, name)),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The lines of all visible files, sorted; fails if a hidden (in-progress or pending) file is left. */
    private List<String> committedLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : names()) {
            assertFalse(name.startsWith("."), "left over: " + name + " in " + names());
            lines.addAll(lines(name));
        }
        Collections.sort(lines);
        return lines;
    }

    @Test
    void fileIsInProgressThenPendingThenVisibleAndARestoreCommitsItAgain() throws Exception {
        ExactlyOnceFileSink<String> sink = lineSink(RollingPolicy.defaults());
        SinkSubtask<String> first = subtask(sink).write("a", "b");
        assertEquals(List.of(".part-0-0.inprogress"), names());
        StateHandle checkpoint1 = first.checkpoint(1);
        assertEquals(List.of(".part-0-0.pending"), names());
        first.checkpoint(2); // nothing written since: no file
        first.complete(2); // covers checkpoint 1
        assertEquals(List.of("part-0-0"), names());
        first.close();

        SinkSubtask<String> restored = subtask(sink, 0, 1, List.of(checkpoint1)); // commits part 0 again: no-op
        restored.write("c");
        restored.checkpoint(3);
        restored.complete(3);
        restored.close();
        assertEquals(List.of("part-0-0", "part-0-1"), names());
        assertEquals(List.of("a", "b"), lines("part-0-0"));
        assertEquals(List.of("c"), lines("part-0-1"));
    }

    @Test
    void rollsBySizeIntoFilesOfExactContentThatCommitTogether() throws Exception {
        // 5 bytes a line: a file is full after two lines
        SinkSubtask<String> s = subtask(lineSink(RollingPolicy.builder().withMaxPartSize(10).build()));
        s.write("aaa0", "aaa1", "aaa2", "aaa3", "aaa4", "aaa5", "aaa6");
        assertEquals(List.of(".part-0-0.pending", ".part-0-1.pending", ".part-0-2.pending", ".part-0-3.inprogress"),
                names());
        s.checkpoint(1);
        s.write("bbb0");
        s.complete(1);
        assertEquals(List.of(".part-0-4.inprogress", "part-0-0", "part-0-1", "part-0-2", "part-0-3"), names());
        assertEquals(List.of("aaa0", "aaa1"), lines("part-0-0"));
        assertEquals(List.of("aaa2", "aaa3"), lines("part-0-1"));
        assertEquals(List.of("aaa4", "aaa5"), lines("part-0-2"));
        assertEquals(List.of("aaa6"), lines("part-0-3"));
        s.close(); // aborts the open transaction
        assertEquals(List.of("part-0-0", "part-0-1", "part-0-2", "part-0-3"), names());
    }

    @Test
    void rollsAfterInactivityAndAfterTheRolloverIntervalEvenWithoutRecords() throws Exception {
        // the clock is checked every 75 ms (a quarter of the shorter interval)
        SinkSubtask<String> s = subtask(lineSink(RollingPolicy.builder().withRolloverInterval(Duration.ofMillis(1000))
                .withInactivityInterval(Duration.ofMillis(300)).build()));
        s.write("a");
        s.advanceTimeTo(200);
        s.write("b");
        s.advanceTimeTo(499); // inactive for 299 ms: too early
        assertEquals(List.of(".part-0-0.inprogress"), names());
        s.advanceTimeTo(525); // the first check at least 300 ms after "b"
        assertEquals(List.of(".part-0-0.pending"), names());

        List<String> steady = new ArrayList<>();
        for (long t = 600; t <= 1600; t += 100) { // a record every 100 ms: never inactive
            s.advanceTimeTo(t);
            s.write("c" + t);
            steady.add("c" + t);
        }
        s.advanceTimeTo(1649); // open since 600: 1049 ms, but the next check is at 1650
        assertEquals(List.of(".part-0-0.pending", ".part-0-1.inprogress"), names());
        s.advanceTimeTo(1650);
        assertEquals(List.of(".part-0-0.pending", ".part-0-1.pending"), names());
        s.advanceTimeTo(5000); // no file open: nothing to roll
        s.checkpoint(1);
        s.complete(1);
        s.close();
        assertEquals(List.of("part-0-0", "part-0-1"), names());
        assertEquals(List.of("a", "b"), lines("part-0-0"));
        assertEquals(steady, lines("part-0-1"));
    }

    /** A trade, written as CSV with a header. */
    record Trade(String symbol, long amount) {}

    @Test
    void csvPartFilesWithPrefixAndSuffixEachStartWithTheHeader() throws Exception {
        ExactlyOnceFileSink<Trade> sink = ExactlyOnceFileSink.forRowFormat(out.toString(),
                        CsvEncoder.builder().withHeader().<Trade>build())
                .withRollingPolicy(RollingPolicy.builder().withMaxPartSize(30).build())
                .withPartPrefix("trades").withPartSuffix(".csv").build();
        SinkSubtask<Trade> s = subtask(sink);
        s.write(new Trade("ACME", 100), new Trade("Big, Inc.", -5), new Trade("C", 7));
        s.checkpoint(1);
        s.complete(1);
        s.close();
        assertEquals(List.of("trades-0-0.csv", "trades-0-1.csv"), names());
        // header (14 bytes) and two lines reach 30 bytes
        assertEquals(List.of("symbol,amount", "ACME,100", "\"Big, Inc.\",-5"), lines("trades-0-0.csv"));
        assertEquals(List.of("symbol,amount", "C,7"), lines("trades-0-1.csv"));
    }

    @Test
    void resumingFromAnOlderCheckpointNeverTouchesLaterVisibleFiles() throws Exception {
        ExactlyOnceFileSink<String> sink = lineSink(RollingPolicy.defaults());
        SinkSubtask<String> first = subtask(sink).write("a");
        StateHandle checkpoint1 = first.checkpoint(1);
        first.complete(1);
        first.write("b");
        first.checkpoint(2);
        first.complete(2);
        first.close();

        SinkSubtask<String> again = subtask(sink, 0, 1, List.of(checkpoint1));
        again.write("c");
        again.checkpoint(3);
        again.complete(3);
        again.close();
        assertEquals(List.of("part-0-0", "part-0-1", "part-0-2"), names());
        assertEquals(List.of("b"), lines("part-0-1"));
        assertEquals(List.of("c"), lines("part-0-2"));
    }

    /**
     * Four subtasks commit checkpoint 1, pre-commit checkpoint 2 (never confirmed: the job stopped),
     * write on, partly pre-commit a checkpoint 3 that never completes, and crash. The job resumes
     * from checkpoint 2 at another parallelism: exactly the records of checkpoints 1 and 2 and of
     * the resumed job are visible, and nothing hidden is left.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 6})
    void rescaledRestoreCommitsTheCheckpointAndDeletesWhatCameAfterIt(int parallelism) throws Exception {
        ExactlyOnceFileSink<String> sink = lineSink(RollingPolicy.builder().withMaxPartSize(16).build());
        List<String> expected = new ArrayList<>();
        List<SinkSubtask<String>> old = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            old.add(subtask(sink, i, 4, List.of()));
        }
        for (int i = 0; i < 4; i++) {
            expected.addAll(write(old.get(i), "1-" + i, 5));
            old.get(i).checkpoint(1);
        }
        for (int i = 0; i < 4; i++) {
            old.get(i).complete(1);
        }
        List<StateHandle> checkpoint2 = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            expected.addAll(write(old.get(i), "2-" + i, 3 + i));
            checkpoint2.add(old.get(i).checkpoint(2));
        }
        for (int i = 0; i < 4; i++) {
            write(old.get(i), "3-" + i, 4);
            if (i % 2 == 0) {
                old.get(i).checkpoint(3);
            }
            write(old.get(i), "4-" + i, 3);
        }
        for (int i = 0; i < 4; i++) {
            String index = "-" + i + "-";
            assertTrue(names().stream().anyMatch(n -> n.contains(index) && n.endsWith(".inprogress")), names().toString());
            assertTrue(names().stream().anyMatch(n -> n.contains(index) && n.endsWith(".pending")), names().toString());
        }

        List<SinkSubtask<String>> resumed = new ArrayList<>();
        for (int j = parallelism - 1; j >= 0; j--) { // in any order
            resumed.add(0, subtask(sink, j, parallelism, checkpoint2));
        }
        for (int j = 0; j < parallelism; j++) {
            expected.addAll(write(resumed.get(j), "5-" + j, 4));
            resumed.get(j).checkpoint(4);
        }
        for (SinkSubtask<String> s : resumed) {
            s.complete(4);
            s.close();
        }
        Collections.sort(expected);
        assertEquals(expected, committedLines());
    }

    private static List<String> write(SinkSubtask<String> subtask, String prefix, int records) throws Exception {
        List<String> written = new ArrayList<>();
        for (int k = 0; k < records; k++) {
            written.add(prefix + "-record-" + k);
            subtask.write(prefix + "-record-" + k);
        }
        return written;
    }
}
