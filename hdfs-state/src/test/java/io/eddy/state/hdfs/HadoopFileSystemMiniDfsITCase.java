package io.eddy.state.hdfs;

import io.eddy.api.config.Configuration;
import io.eddy.api.connector.sink.WriteMode;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.datastream.StreamExecutionEnvironment;
import io.eddy.api.datastream.CloseableIterator;
import io.eddy.api.fs.FileStatus;
import io.eddy.api.fs.FileSystem;
import io.eddy.api.fs.FileSystems;
import io.eddy.api.tuple.Tuple2;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DataSet and DataStream file inputs and outputs on {@code hdfs://} through the FileSystem SPI, on
 * one MiniDFSCluster for the class and the embedded Eddy cluster.
 */
class HadoopFileSystemMiniDfsITCase {
    /** Three of TextFileSource's 1 MiB ranges, so lines cross range borders. */
    private static final int LINES = 300_000;

    private static MiniDFSCluster cluster;
    private static String base;

    @BeforeAll
    static void startCluster(@TempDir Path directory) throws IOException {
        cluster = MiniDfsCheckpointStorageTest.startMiniDfsCluster(directory);
        base = cluster.getURI() + "/fs-it";
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    private static String line(int i) {
        return "line " + i + " of " + LINES;
    }

    private static void write(String file, String text) throws IOException {
        try (OutputStream out = FileSystems.get(file).create(file, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> readLines(String file) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(FileSystems.get(file).open(file),
                StandardCharsets.UTF_8))) {
            return r.lines().collect(Collectors.toList());
        }
    }

    private static List<String> bigFile(String file) throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            text.append(line(i)).append(i % 5 == 0 ? "\r\n" : "\n");
            expected.add(line(i));
        }
        write(file, text.toString());
        assertTrue(FileSystems.get(file).status(file).length() > 3 << 20, "the file spans several ranges");
        Collections.sort(expected);
        return expected;
    }

    private static ExecutionEnvironment env() {
        return ExecutionEnvironment.getExecutionEnvironment(new Configuration()).setParallelism(3);
    }

    @Test
    void dataSetReadsTextSplitsOfOneFileExactlyOnce() throws Exception {
        String file = base + "/text/big.txt";
        List<String> expected = bigFile(file);
        List<String> lines = new ArrayList<>(env().readTextFile(file).collect());
        Collections.sort(lines);
        assertEquals(expected, lines);
    }

    @Test
    void dataStreamReadsTextFromHdfs() throws Exception {
        String dir = base + "/stream";
        List<String> expected = bigFile(dir + "/big.txt");
        write(dir + "/_SUCCESS", "marker files are skipped\n");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(new Configuration());
        env.setParallelism(2);
        List<String> lines = new ArrayList<>();
        try (CloseableIterator<String> it = env.readTextFile(dir).executeAndCollect()) {
            it.forEachRemaining(lines::add);
        }
        Collections.sort(lines);
        assertEquals(expected, lines);
    }

    @Test
    void dataSetReadsCsvDirectoryAndWritesCsvAndText() throws Exception {
        String in = base + "/csv-in";
        for (int f = 0; f < 3; f++) {
            int from = f * 1000;
            write(in + "/part-" + f, IntStream.range(from, from + 1000)
                    .mapToObj(i -> i + ",\"name, " + i + "\"\n").collect(Collectors.joining()));
        }
        write(in + "/.part-0.crc", "not,csv,at,all\n");
        DataSet<Tuple2<Long, String>> rows = env().readCsvFile(in).parseQuotedStrings('"').types(Long.class, String.class);
        List<Tuple2<Long, String>> read = new ArrayList<>(rows.collect());
        read.sort((a, b) -> Long.compare(a.f0, b.f0));
        assertEquals(3000, read.size());
        for (int i = 0; i < 3000; i++) {
            assertEquals(Tuple2.of((long) i, "name, " + i), read.get(i));
        }

        String csvOut = base + "/csv-out";
        ExecutionEnvironment env = env();
        env.readCsvFile(in).parseQuotedStrings('"').<Tuple2<Long, String>>types(Long.class, String.class)
                .writeAsCsv(csvOut, ';', WriteMode.NO_OVERWRITE);
        env.execute("csv to hdfs");
        List<String> written = new ArrayList<>();
        FileSystem fs = FileSystems.get(csvOut);
        List<FileStatus> parts = fs.listFiles(csvOut);
        assertEquals(List.of(csvOut + "/part-0", csvOut + "/part-1", csvOut + "/part-2"),
                parts.stream().map(FileStatus::path).toList());
        for (FileStatus part : parts) {
            written.addAll(readLines(part.path()));
        }
        Collections.sort(written);
        List<String> expected = IntStream.range(0, 3000).mapToObj(i -> i + ";name, " + i).sorted().toList();
        assertEquals(expected, written);
    }

    @Test
    void writeAsTextRefusesExistingFilesUnlessOverwriting() throws Exception {
        String out = base + "/text-out";
        write(out + "/part-0", "old\n");
        ExecutionEnvironment refused = env().setParallelism(1);
        refused.fromElements("a", "b").writeAsText(out);
        Exception e = assertThrows(Exception.class, () -> refused.execute("no overwrite"));
        String messages = causes(e);
        assertTrue(messages.contains(out + "/part-0: the output file already exists: delete it or use "
                + "writeAsText(path, WriteMode.OVERWRITE)"), messages);
        assertEquals(List.of("old"), readLines(out + "/part-0"));

        ExecutionEnvironment overwriting = env().setParallelism(1);
        overwriting.fromElements("a", "b").writeAsText(out, WriteMode.OVERWRITE);
        overwriting.execute("overwrite");
        assertEquals(List.of("a", "b"), readLines(out + "/part-0"));
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
