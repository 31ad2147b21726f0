package io.eddy.runtime.operators.batch;

import io.eddy.api.config.Configuration;
import io.eddy.api.config.MemorySize;
import io.eddy.api.dataset.DataSet;
import io.eddy.api.dataset.ExecutionEnvironment;
import io.eddy.api.dataset.JoinHint;
import io.eddy.api.dataset.Order;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.JoinFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.runtime.io.IOManagerOptions;
import io.eddy.runtime.memory.MemoryManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DataSet programs on the embedded cluster with little managed memory (so sorts and hash tables spill),
 * each checked record for record against a plain-Java recomputation, and the spill directory empty
 * afterwards.
 */
class DataSetITCase {
    @TempDir
    Path spillDir;

    private ExecutionEnvironment env() {
        Configuration config = new Configuration();
        config.set(MemoryManagerOptions.MANAGED_SIZE, MemorySize.parse("8mb"));
        config.set(MemoryManagerOptions.PAGE_SIZE, MemorySize.parse("16kb"));
        config.set(IOManagerOptions.TMP_DIRS, spillDir.toString());
        return ExecutionEnvironment.getExecutionEnvironment(config).setParallelism(2);
    }

    /** Word i of a skewed vocabulary of 5000 words. */
    private static String word(long i) {
        long h = (i * 0x9E3779B97F4A7C15L) >>> 40;
        return "w" + (h % (1 + h % 5000));
    }

    @Test
    void groupedSumCombinesAndReducesEveryKeyOnce() throws Exception {
        long n = 200_000;
        List<Tuple2<String, Long>> counts = env().generateSequence(0, n - 1)
                .flatMap((FlatMapFunction<Long, Tuple2<String, Long>>) (i, out) -> out.collect(Tuple2.of(word(i), 1L)))
                .returns(io.eddy.api.types.Types.TUPLE(io.eddy.api.types.Types.STRING, io.eddy.api.types.Types.LONG))
                .groupBy(0).sum(1)
                .collect();
        Map<String, Long> expected = new TreeMap<>();
        for (long i = 0; i < n; i++) {
            expected.merge(word(i), 1L, Long::sum);
        }
        Map<String, Long> actual = new TreeMap<>();
        for (Tuple2<String, Long> c : counts) {
            assertEquals(null, actual.put(c.f0, c.f1), "key emitted twice: " + c.f0);
        }
        assertEquals(expected, actual);
        assertSpillDirectoryEmpty();
    }

    @Test
    void joinsMatchAPlainNestedLoopForEveryHintAndKind() throws Exception {
        List<Tuple2<Long, Long>> left = new ArrayList<>();
        List<Tuple2<Long, String>> right = new ArrayList<>();
        for (long i = 0; i < 30_000; i++) {
            left.add(Tuple2.of(i % 7_000, i));
        }
        for (long k = 3_000; k < 9_000; k++) {
            right.add(Tuple2.of(k, "r" + k));
        }
        Map<Long, String> rightByKey = right.stream().collect(Collectors.toMap(t -> t.f0, t -> t.f1));
        List<String> expectedInner = new ArrayList<>();
        List<String> expectedLeftOuter = new ArrayList<>();
        for (Tuple2<Long, Long> l : left) {
            String r = rightByKey.get(l.f0);
            if (r != null) {
                expectedInner.add(l.f1 + ":" + r);
            }
            expectedLeftOuter.add(l.f1 + ":" + r);
        }
        List<String> expectedFull = new ArrayList<>(expectedLeftOuter);
        java.util.Set<Long> leftKeys = left.stream().map(t -> t.f0).collect(Collectors.toSet());
        for (Tuple2<Long, String> r : right) {
            if (!leftKeys.contains(r.f0)) {
                expectedFull.add("null:" + r.f1);
            }
        }
        JoinFunction<Tuple2<Long, Long>, Tuple2<Long, String>, String> describe =
                (l, r) -> (l == null ? "null" : String.valueOf(l.f1)) + ":" + (r == null ? "null" : r.f1);
        for (JoinHint hint : JoinHint.values()) {
            ExecutionEnvironment env = env();
            List<String> inner = env.fromCollection(left).join(env.fromCollection(right), hint)
                    .where(0).equalTo(0).with(describe).collect();
            assertEquals(sorted(expectedInner), sorted(inner), "inner join with " + hint);
        }
        ExecutionEnvironment env = env();
        assertEquals(sorted(expectedLeftOuter), sorted(env.fromCollection(left).leftOuterJoin(env.fromCollection(right))
                .where(0).equalTo(0).with(describe).collect()));
        env = env();
        assertEquals(sorted(expectedFull), sorted(env.fromCollection(left).fullOuterJoin(env.fromCollection(right))
                .where("f0").equalTo("f0").with(describe).collect()));
        env = env();
        assertEquals(sorted(expectedFull), sorted(env.fromCollection(left).fullOuterJoin(env.fromCollection(right),
                JoinHint.REPARTITION_SORT_MERGE).where(0).equalTo(0).with(describe).collect()));
        env = env();
        assertEquals(sorted(expectedLeftOuter), sorted(env.fromCollection(left).leftOuterJoin(env.fromCollection(right),
                JoinHint.REPARTITION_HASH_SECOND).where(0).equalTo(0).with(describe).collect()));
        assertSpillDirectoryEmpty();
    }

    @Test
    void sortedGroupsFirstNDistinctCountAndSortPartition() throws Exception {
        List<Tuple3<Integer, Long, String>> rows = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            rows.add(Tuple3.of((int) (i % 97), (i * 7919) % 10_007, "v" + (i % 13)));
        }
        ExecutionEnvironment env = env();
        List<Tuple3<Integer, Long, String>> top3 = env.fromCollection(rows).groupBy(0).sortGroup(1, Order.DESCENDING)
                .first(3).collect();
        Map<Integer, List<Long>> expectedTop = new TreeMap<>();
        rows.stream().collect(Collectors.groupingBy(t -> t.f0)).forEach((k, v) -> expectedTop.put(k,
                v.stream().map(t -> t.f1).sorted((a, b) -> Long.compare(b, a)).limit(3).toList()));
        Map<Integer, List<Long>> actualTop = new TreeMap<>();
        for (Tuple3<Integer, Long, String> t : top3) {
            actualTop.computeIfAbsent(t.f0, k -> new ArrayList<>()).add(t.f1);
        }
        actualTop.values().forEach(l -> l.sort((a, b) -> Long.compare(b, a)));
        assertEquals(expectedTop, actualTop);

        List<Tuple2<Integer, String>> pairs = rows.stream().map(t -> Tuple2.of(t.f0 % 5, t.f2)).toList();
        assertEquals(pairs.stream().distinct().count(), env().fromCollection(pairs).distinct().count());
        assertEquals(rows.size(), env().fromCollection(rows).count());

        List<Tuple3<Integer, Long, String>> sorted = env().fromCollection(rows).sortPartition(1, Order.ASCENDING)
                .setParallelism(1).collect();
        List<Long> expectedOrder = rows.stream().map(t -> t.f1).sorted().toList();
        assertEquals(expectedOrder, sorted.stream().map(t -> t.f1).toList());

        GroupReduceFunction<Tuple3<Integer, Long, String>, Tuple2<Integer, Long>> sumPerKey = (values, out) -> {
            int key = -1;
            long sum = 0;
            for (Tuple3<Integer, Long, String> v : values) {
                key = v.f0;
                sum += v.f1;
            }
            out.collect(Tuple2.of(key, sum));
        };
        Map<Integer, Long> expectedSums = new HashMap<>();
        rows.forEach(t -> expectedSums.merge(t.f0, t.f1, Long::sum));
        Map<Integer, Long> sums = new HashMap<>();
        env().fromCollection(rows).groupBy(0).reduceGroup(sumPerKey)
                .returns(io.eddy.api.types.Types.TUPLE(io.eddy.api.types.Types.INT, io.eddy.api.types.Types.LONG))
                .collect().forEach(t -> sums.put(t.f0, t.f1));
        assertEquals(expectedSums, sums);

        // the same through a key selector, a local combineGroup first, and a selector reduce
        Map<Integer, Long> viaSelector = new HashMap<>();
        env().fromCollection(rows).groupBy(0).combineGroup(sumPerKey)
                .returns(io.eddy.api.types.Types.TUPLE(io.eddy.api.types.Types.INT, io.eddy.api.types.Types.LONG))
                .groupBy((io.eddy.api.functions.KeySelector<Tuple2<Integer, Long>, Integer>) t -> t.f0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .collect().forEach(t -> assertEquals(null, viaSelector.put(t.f0, t.f1)));
        assertEquals(expectedSums, viaSelector);
        assertSpillDirectoryEmpty();
    }

    @Test
    void csvRoundTripWithQuotesHeaderAndInvalidLines(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("people.csv"), String.join("\n",
                "name;age;city",
                "\"Smith; John\";42;\"New \"\"Old\"\" York\"",
                "Ann;7;Oslo",
                "Bob;notanumber;Rome",
                "Eve;30",
                "Zoe;19;Lima") + "\n");
        ExecutionEnvironment env = env();
        List<Tuple3<String, Integer, String>> valid = env.readCsvFile(csv.toString()).fieldDelimiter(';')
                .parseQuotedStrings('"').ignoreFirstLine().ignoreInvalidLines()
                .<Tuple3<String, Integer, String>>types(String.class, Integer.class, String.class).collect();
        valid.sort(java.util.Comparator.comparing(t -> t.f0));
        assertEquals(List.of(Tuple3.of("Ann", 7, "Oslo"), Tuple3.of("Smith; John", 42, "New \"Old\" York"),
                Tuple3.of("Zoe", 19, "Lima")), valid);

        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> env().readCsvFile(csv.toString())
                .fieldDelimiter(';').parseQuotedStrings('"').ignoreFirstLine()
                .types(String.class, Integer.class, String.class).collect());
        String message = causes(e);
        assertTrue(message.contains("Malformed CSV line 4 of " + csv) && message.contains("'notanumber' is not a Integer"),
                message);

        Path out = dir.resolve("out");
        ExecutionEnvironment writer = env();
        writer.fromCollection(valid).writeAsCsv(out.toString(), ';');
        writer.execute();
        List<Tuple3<String, Integer, String>> reread = env().readCsvFile(out.toString()).fieldDelimiter(';')
                .parseQuotedStrings('"').<Tuple3<String, Integer, String>>types(String.class, Integer.class, String.class)
                .collect();
        reread.sort(java.util.Comparator.comparing(t -> t.f0));
        assertEquals(valid, reread);
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" / ");
        }
        return b.toString();
    }

    @Test
    void coGroupSeesBothSidesOfEveryKeyAndCrossPairsEverything() throws Exception {
        List<Tuple2<Integer, Long>> left = new ArrayList<>();
        List<Tuple2<Integer, String>> right = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            left.add(Tuple2.of((int) (i % 1_000), i));
        }
        for (int k = 500; k < 1_500; k++) {
            right.add(Tuple2.of(k, "x" + k));
            right.add(Tuple2.of(k, "y" + k));
        }
        ExecutionEnvironment env = env();
        List<String> groups = env.fromCollection(left).coGroup(env.fromCollection(right)).where(0).equalTo(0)
                .with((io.eddy.api.functions.CoGroupFunction<Tuple2<Integer, Long>, Tuple2<Integer, String>, String>)
                        (ls, rs, out) -> {
                            int key = -1;
                            long sum = 0;
                            int n = 0;
                            for (Tuple2<Integer, Long> l : ls) {
                                key = l.f0;
                                sum += l.f1;
                            }
                            for (Tuple2<Integer, String> r : rs) {
                                key = r.f0;
                                n++;
                            }
                            out.collect(key + ":" + sum + ":" + n);
                        })
                .returns(io.eddy.api.types.Types.STRING)
                .collect();
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < 1_500; k++) {
            long sum = 0;
            for (Tuple2<Integer, Long> l : left) {
                sum += l.f0 == k ? l.f1 : 0;
            }
            expected.add(k + ":" + sum + ":" + (k >= 500 ? 2 : 0));
        }
        assertEquals(sorted(expected), sorted(groups));

        env = env();
        List<Tuple2<Long, String>> pairs = env.fromCollection(List.of(1L, 2L, 3L)).cross(env.fromElements("a", "b")).collect();
        List<String> described = new ArrayList<>();
        pairs.forEach(p -> described.add(p.f0 + p.f1));
        assertEquals(List.of("1a", "1b", "2a", "2b", "3a", "3b"), sorted(described));
        assertSpillDirectoryEmpty();
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    /**
     * Per partition: the number of records, how many came before the one preceding them in descending
     * key order, and the sum of the keys; one record per call of the function.
     */
    private static final class DescendingCheck implements GroupReduceFunction<Tuple2<Long, Long>, Tuple3<Long, Long, Long>> {
        @Override
        public void reduce(Iterable<Tuple2<Long, Long>> records, Collector<Tuple3<Long, Long, Long>> out) {
            long count = 0, unsorted = 0, sum = 0, last = Long.MAX_VALUE;
            for (Tuple2<Long, Long> r : records) {
                unsorted += r.f0 > last ? 1 : 0;
                last = r.f0;
                sum += r.f0;
                count++;
            }
            out.collect(Tuple3.of(count, unsorted, sum));
        }
    }

    @Test
    void aMapPartitionAfterASortReadsEachSortedPartitionOnceAndInOrderAlsoWhenTheSortSpills() throws Exception {
        // 300 k records in 8 MB of managed memory: the sort spills; the mapPartition chained after it reads
        // the merged runs straight from the sorter, one call per partition (the third is empty)
        long n = 300_000;
        List<Tuple3<Long, Long, Long>> partitions = env().generateSequence(0, n - 1)
                .map(i -> Tuple2.of((i * 0x9E3779B97F4A7C15L) % 1_000_000, i))
                .returns(io.eddy.api.types.Types.TUPLE(io.eddy.api.types.Types.LONG, io.eddy.api.types.Types.LONG))
                .partitionCustom((key, parallelism) -> ((Long) key) < 0 ? 0 : 1, 0).setParallelism(3)
                .sortPartition(0, Order.DESCENDING).setParallelism(3)
                .mapPartition(new DescendingCheck()).setParallelism(3)
                .collect();
        long negative = 0, sum = 0;
        for (long i = 0; i < n; i++) {
            long key = (i * 0x9E3779B97F4A7C15L) % 1_000_000;
            negative += key < 0 ? 1 : 0;
            sum += key;
        }
        List<Long> counts = partitions.stream().map(p -> p.f0).sorted().toList();
        assertEquals(List.of(0L, Math.min(negative, n - negative), Math.max(negative, n - negative)), counts);
        assertEquals(0L, partitions.stream().mapToLong(p -> p.f1).sum());
        assertEquals(sum, partitions.stream().mapToLong(p -> p.f2).sum());
        assertSpillDirectoryEmpty();
    }

    private void assertSpillDirectoryEmpty() throws Exception {
        try (Stream<Path> files = Files.walk(spillDir)) {
            List<Path> spillFiles = files.filter(Files::isRegularFile).toList();
            assertTrue(spillFiles.isEmpty(), "spill files left: " + spillFiles);
        }
    }
}
