package io.eddy.runtime.operators.batch;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.connector.format.InputFormat;
import io.eddy.api.connector.format.OutputFormat;
import io.eddy.api.connector.sink.WriteMode;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.Types;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input and output formats, CSV into POJOs, write modes, and programs whose strategies the optimizer
 * picked (broadcast, forward reuse), on the embedded cluster, each checked against plain Java.
 */
class DataSetFormatsITCase {
    @TempDir
    Path dir;

    private ExecutionEnvironment env() {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("8mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("16kb"));
        config.set(IOManagerOptions.TMP_DIRS, dir.resolve("spill").toString());
        return ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
    }

    /** A sale as a POJO: public fields, a public no-argument constructor. */
    public static final class Sale {
        public String shop;
        public int items;
        public double amount;

        public Sale() {}
    }

    @Test
    void csvRowsBecomePojosAndGroupByFieldName() throws Exception {
        List<String> lines = new ArrayList<>();
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            String shop = "shop" + (i % 37);
            lines.add(i * 0.5 + "," + shop + "," + (i % 11));
            expected.merge(shop, i % 11, Integer::sum);
        }
        Path csv = Files.write(dir.resolve("sales.csv"), lines);

        List<Sale> totals = env().readCsvFile(csv.toString()).pojoType(Sale.class, "amount", "shop", "items")
                .groupBy("shop").sum("items").collect();
        Map<String, Integer> actual = new TreeMap<>();
        for (Sale s : totals) {
            assertEquals(null, actual.put(s.shop, s.items), "shop emitted twice: " + s.shop);
        }
        assertEquals(expected, actual);
    }

    @Test
    void csvPojoMistakesNameTheField() {
        ExecutionEnvironment env = env();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> env.readCsvFile("sales.csv").pojoType(Sale.class, "shop", "price"));
        assertTrue(missing.getMessage().startsWith("Column 1 of readCsvFile(sales.csv) goes into field 'price', which "
                + Sale.class.getName() + " does not have"), missing.getMessage());
        IllegalArgumentException notPojo = assertThrows(IllegalArgumentException.class,
                () -> env.readCsvFile("sales.csv").pojoType(Thread.class, "name"));
        assertTrue(notPojo.getMessage().contains("needs a POJO"), notPojo.getMessage());
    }

    /** The numbers of [from, to) per split, read by whichever subtask the split is dealt to. */
    static final class RangeFormat implements InputFormat<Long, long[]> {
        private final long count;
        private final int splits;
        private long next;
        private long end;

        RangeFormat(long count, int splits) {
            this.count = count;
            this.splits = splits;
        }

        @Override
        public List<long[]> createInputSplits(int minSplits) {
            List<long[]> ranges = new ArrayList<>();
            for (int i = 0; i < splits; i++) {
                ranges.add(new long[] {count * i / splits, count * (i + 1) / splits});
            }
            return ranges;
        }

        @Override
        public void open(long[] split) {
            next = split[0];
            end = split[1];
        }

        @Override
        public boolean reachedEnd() {
            return next >= end;
        }

        @Override
        public Long nextRecord() {
            return next++;
        }

        @Override
        public void close() {}
    }

    /** Writes "subtask:record" lines to {@code dir/part-<subtask>-of-<n>}. */
    static final class LinesFormat implements OutputFormat<Long> {
        private final String dir;
        private transient BufferedWriter out;
        private transient int task;

        LinesFormat(String dir) {
            this.dir = dir;
        }

        @Override
        public void open(int taskNumber, int numTasks) throws IOException {
            task = taskNumber;
            out = Files.newBufferedWriter(Path.of(dir).resolve("part-" + taskNumber + "-of-" + numTasks));
        }

        @Override
        public void writeRecord(Long record) throws IOException {
            out.write(task + ":" + record + "\n");
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    @Test
    void inputFormatSplitsAreReadOnceAndOutputFormatWritesPerSubtask() throws Exception {
        Path out = Files.createDirectory(dir.resolve("formatted"));
        ExecutionEnvironment env = env();
        env.createInput(new RangeFormat(10_000, 7), Types.LONG)
                .filter(x -> x % 3 == 0)
                .output(new LinesFormat(out.toString()));
        env.execute();

        List<Long> written = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            List<Path> parts = files.sorted().toList();
            assertEquals(List.of("part-0-of-2", "part-1-of-2"), parts.stream().map(p -> p.getFileName().toString()).toList());
            for (Path part : parts) {
                String task = part.getFileName().toString().substring(5, 6);
                for (String line : Files.readAllLines(part)) {
                    assertTrue(line.startsWith(task + ":"), line + " in " + part);
                    written.add(Long.parseLong(line.substring(2)));
                }
            }
        }
        written.sort(null);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 10_000; i += 3) {
            expected.add(i);
        }
        assertEquals(expected, written);
    }

    @Test
    void createInputWithoutATypeSaysHowToGiveIt() {
        Exception e = assertThrows(Exception.class, () -> env().createInput(new RangeFormat(10, 1)));
        assertEquals("The input format " + RangeFormat.class.getName() + " does not declare its record type: use "
                + "createInput(format, type), e.g. createInput(format, Types.STRING)", e.getMessage());
    }

    @Test
    void writeModesFailNamingTheFileOrReplaceIt() throws Exception {
        Path out = dir.resolve("text");
        ExecutionEnvironment first = env();
        first.generateSequence(1, 100).writeAsText(out.toString());
        first.execute();

        ExecutionEnvironment again = env();
        again.generateSequence(1, 10).writeAsText(out.toString());
        Exception e = assertThrows(Exception.class, again::execute);
        String message = causes(e);
        assertTrue(message.contains(out.resolve("part-").toAbsolutePath().toString())
                && message.contains("the output file already exists: delete it or use writeAsText(path, WriteMode.OVERWRITE)"),
                message);

        ExecutionEnvironment replace = env();
        replace.generateSequence(1, 10).map(x -> Tuple2.of(x, -x)).returns(Types.TUPLE(Types.LONG, Types.LONG))
                .writeAsCsv(out.toString(), WriteMode.OVERWRITE);
        replace.execute();
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path part : files.toList()) {
                lines.addAll(Files.readAllLines(part));
            }
        }
        lines.sort(null);
        List<String> expected = new ArrayList<>();
        for (long i = 1; i <= 10; i++) {
            expected.add(i + "," + -i);
        }
        expected.sort(null);
        assertEquals(expected, lines);
    }

    @Test
    void optimizerChosenBroadcastJoinAndForwardedGroupingsAreExact() throws Exception {
        ExecutionEnvironment env = env();
        DataSet<Tuple2<Long, Long>> large = env.generateSequence(0, 199_999)
                .map((MapFunction<Long, Tuple2<Long, Long>>) i -> Tuple2.of(i % 500, i))
                .returns(Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple2<Long, String>> tiny = env.fromElements(Tuple2.of(7L, "seven"), Tuple2.of(499L, "last"),
                Tuple2.of(1000L, "none"));
        // broadcast of the tiny side; then a grouping on the key, and a second one that ships forward
        List<Tuple3<Long, Long, Long>> result = large.join(tiny).where(0).equalTo(0)
                .map(pair -> Tuple3.of(pair.f0.f0, pair.f0.f1, 1L))
                .returns(Types.TUPLE(Types.LONG, Types.LONG, Types.LONG))
                .groupBy(0).sum(2)
                .groupBy(0).max(1)
                .collect();
        Map<Long, Long> counts = new HashMap<>();
        for (long i = 0; i < 200_000; i++) {
            if (i % 500 == 7 || i % 500 == 499) {
                counts.merge(i % 500, 1L, Long::sum);
            }
        }
        Map<Long, Long> actual = new HashMap<>();
        for (Tuple3<Long, Long, Long> t : result) {
            assertEquals(null, actual.put(t.f0, t.f2), "key emitted twice: " + t.f0);
        }
        assertEquals(counts, actual);
    }

    @Test
    void wholeDataSetReduceAggregateFirstAndDistinctOnFields() throws Exception {
        long n = 50_000;
        ExecutionEnvironment env = env();
        DataSet<Tuple2<Long, Long>> data = env.generateSequence(1, n)
                .map(i -> Tuple2.of(key(i) % 100, i)).returns(Types.TUPLE(Types.LONG, Types.LONG));
        assertEquals(List.of(Tuple2.of(0L, n * (n + 1) / 2)),
                data.map(t -> Tuple2.of(0L, t.f1)).returns(Types.TUPLE(Types.LONG, Types.LONG))
                        .reduce((a, b) -> Tuple2.of(0L, a.f1 + b.f1)).collect());
        List<Tuple2<Long, Long>> max = data.max(1).collect();
        assertEquals(1, max.size());
        assertEquals(n, max.get(0).f1);
        assertEquals(7, data.first(7).collect().size());
        List<Long> distinctKeys = new ArrayList<>(data.distinct(0).map(t -> t.f0).returns(Types.LONG).collect());
        distinctKeys.sort(null);
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            if (!expected.contains(key(i) % 100)) {
                expected.add(key(i) % 100);
            }
        }
        expected.sort(null);
        assertEquals(expected, distinctKeys);
        List<Long> counted = data.reduceGroup((Iterable<Tuple2<Long, Long>> all, io.eddy.api.functions.Collector<Long> out) -> {
            long c = 0;
            for (Tuple2<Long, Long> ignored : all) {
                c++;
            }
            out.collect(c);
        }).returns(Types.LONG).collect();
        assertEquals(List.of(n), counted);
    }

    @Test
    void reducedPartitionsAreSortedWithoutASecondSort() throws Exception {
        Path out = dir.resolve("reduced");
        ExecutionEnvironment env = env();
        env.generateSequence(0, 99_999)
                .map(i -> Tuple2.of(key(i), 1L)).returns(Types.TUPLE(Types.LONG, Types.LONG))
                .groupBy(0).sum(1)
                .sortPartition(0, io.eddy.api.dataset.Order.ASCENDING)
                .writeAsCsv(out.toString());
        assertTrue(!env.getExecutionPlan().contains("\"operator\":\"SortPartition\""), env.getExecutionPlan());
        env.execute();
        Map<Long, Long> expected = new TreeMap<>();
        for (long i = 0; i < 100_000; i++) {
            expected.merge(key(i), 1L, Long::sum);
        }
        Map<Long, Long> actual = new TreeMap<>();
        for (int part = 0; part < 2; part++) {
            long previous = Long.MIN_VALUE;
            for (String line : Files.readAllLines(out.resolve("part-" + part))) {
                long k = Long.parseLong(line.substring(0, line.indexOf(',')));
                assertTrue(k > previous, "part " + part + " is not in ascending key order at " + k);
                previous = k;
                actual.put(k, Long.parseLong(line.substring(line.indexOf(',') + 1)));
            }
        }
        assertEquals(expected, actual);
    }

    /** A pseudo-random key of record i, with repeats. */
    private static long key(long i) {
        return ((i * 0x9E3779B97F4A7C15L) >>> 33) % 50_000;
    }

    @Test
    void rangePartitionsSortedInOrderAreOneTotalOrder() throws Exception {
        long n = 100_000;
        Path out = dir.resolve("sorted");
        ExecutionEnvironment env = env().setParallelism(3);
        env.generateSequence(0, n - 1)
                .map(i -> Tuple2.of(key(i), "r" + i)).returns(Types.TUPLE(Types.LONG, Types.STRING))
                .partitionByRange(0)
                .sortPartition(0, io.eddy.api.dataset.Order.ASCENDING)
                .map(t -> t.f0 + "," + t.f1).returns(Types.STRING)
                .writeAsText(out.toString());
        assertTrue(env.getExecutionPlan().contains("\"ship\":\"RANGE\""), env.getExecutionPlan());
        env.execute();

        List<Long> keys = new ArrayList<>();
        List<String> records = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            List<String> lines = Files.readAllLines(out.resolve("part-" + part));
            assertTrue(lines.size() > n / 5 && lines.size() < n / 2, "partition " + part + " holds " + lines.size()
                    + " records: the sampled boundaries should spread them evenly");
            for (String line : lines) {
                keys.add(Long.parseLong(line.substring(0, line.indexOf(','))));
                records.add(line);
            }
        }
        List<Long> expectedKeys = new ArrayList<>();
        List<String> expectedRecords = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            expectedKeys.add(key(i));
            expectedRecords.add(key(i) + ",r" + i);
        }
        expectedKeys.sort(null);
        assertEquals(expectedKeys, keys, "the partitions in order are sorted by key");
        records.sort(null);
        expectedRecords.sort(null);
        assertEquals(expectedRecords, records);
    }

    @Test
    void rangePartitioningNeedsComparableKeys() {
        ExecutionEnvironment env = env();
        DataSet<Tuple2<Long, long[]>> data = env.fromElements(Tuple2.of(1L, new long[] {1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> data.partitionByRange(1));
        assertEquals("partitionByRange[1] orders records by their keys, but a key field has type [J, which is not "
                + "Comparable: range-partition on a field of a number, String, Boolean or Character type, or use "
                + "partitionCustom", e.getMessage());
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" / ");
        }
        return b.toString();
    }
}
