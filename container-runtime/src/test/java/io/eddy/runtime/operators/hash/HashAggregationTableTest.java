package io.eddy.runtime.operators.hash;

import io.eddy.api.functions.FieldAggregator;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.comparators.Comparators;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.memory.MemoryManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashAggregationTableTest {
    private static final SerializerConfig CONFIG = new SerializerConfig();
    private final MemoryManager memory = new MemoryManager(16L << 20, 32 * 1024, 1, "test budget");

    @Test
    void fixedSizeAggregatesAreUpdatedInPlaceSoTheTableNeverFills() throws Exception {
        TypeInfo<Tuple2<Long, Long>> type = new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo();
        ReduceFunction<Tuple2<Long, Long>> sum = (a, b) -> {
            a.f1 += b.f1;
            return a;
        };
        Map<Long, Long> expected = new HashMap<>();
        Map<Long, Long> actual = new HashMap<>();
        // 10 k keys of 41 bytes fill about 13 pages and their slots 4; 2 M updates appended would need 2,500
        try (var table = new HashAggregationTable<>(type.createSerializer(CONFIG),
                Comparators.fields(type, CONFIG, new int[] {0}, new boolean[] {true}), sum, memory.allocatePages(this, 0, 20))) {
            SplittableRandom random = new SplittableRandom(1);
            Tuple2<Long, Long> record = new Tuple2<>();
            for (int i = 0; i < 2_000_000; i++) {
                record.f0 = random.nextLong(10_000) - 5_000;
                record.f1 = random.nextLong(1_000_000);
                expected.merge(record.f0, record.f1, Long::sum);
                assertTrue(table.reduce(record), "the table filled up at update " + i);
            }
            assertEquals(10_000, table.size());
            table.emitAndReset(t -> assertEquals(null, actual.put(t.f0, t.f1)));
            assertEquals(0, table.size());
        }
        assertEquals(expected, actual);
    }

    @Test
    void aFullTableIsFlushedAndTheFlushedPartialAggregatesAddUpExactly() throws Exception {
        TypeInfo<Tuple2<String, Long>> type = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
        ReduceFunction<Tuple2<String, Long>> count = (a, b) -> {
            a.f1 += b.f1;
            return a;
        };
        Map<String, Long> expected = new HashMap<>();
        Map<String, Long> actual = new HashMap<>();
        int flushes = 0;
        try (var table = new HashAggregationTable<>(type.createSerializer(CONFIG),
                Comparators.fields(type, CONFIG, new int[] {0}, new boolean[] {true}), count, memory.allocatePages(this, 0, 8))) {
            SplittableRandom random = new SplittableRandom(2);
            Tuple2<String, Long> record = new Tuple2<>();
            for (int i = 0; i < 500_000; i++) {
                // 50 k keys of ~30 bytes need more than the 7 record pages: the table fills and is flushed
                record.f0 = "word-" + random.nextInt(50_000);
                record.f1 = 1L;
                expected.merge(record.f0, 1L, Long::sum);
                if (!table.reduce(record)) {
                    table.emitAndReset(t -> actual.merge(t.f0, t.f1, Long::sum));
                    flushes++;
                    assertTrue(table.reduce(record));
                }
            }
            table.emitAndReset(t -> actual.merge(t.f0, t.f1, Long::sum));
        }
        assertTrue(flushes > 3, "flushes: " + flushes);
        assertEquals(expected, actual);
    }

    @Test
    void aTableDrawsPagesOnlyAsItsKeysNeedThemAndGivesThemBackOnClose() throws Exception {
        TypeInfo<Tuple2<Long, Long>> type = new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo();
        ReduceFunction<Tuple2<Long, Long>> sum = (a, b) -> {
            a.f1 += b.f1;
            return a;
        };
        // a budget of 512 pages (16 MiB)
        FreePages pages = memory.reserve(this, 0, 512);
        var table = new HashAggregationTable<>(type.createSerializer(CONFIG),
                Comparators.fields(type, CONFIG, new int[] {0}, new boolean[] {true}), sum, pages);
        assertEquals(1, pages.drawnPages(), "an empty table holds one slot page");
        Tuple2<Long, Long> record = new Tuple2<>(0L, 1L);
        for (long key = 0; key < 1_000; key++) {
            record.f0 = key;
            assertTrue(table.reduce(record));
        }
        // 1,000 keys of 41 bytes (16 header, 8 key bytes, 17 record): two record pages; 2,048 slots in one page
        assertEquals(3, pages.drawnPages());
        // 100 k keys: 4.1 MB of records (126 pages of 799 records) and, past three quarters of 131,072,
        // 262,144 slots (64 pages); the old slot pages are given back before the new ones are drawn
        long key = 1_000;
        while (key < 100_000) {
            record.f0 = key++;
            assertTrue(table.reduce(record));
        }
        assertTrue(pages.drawnPages() >= 64 + 125 && pages.drawnPages() <= 64 + 127, "pages drawn: " + pages.drawnPages());
        // until the records fill the budget: at 196,608 keys the slots double once more (128 pages), and
        // the 384 pages left hold about 306.8 k records of 41 bytes
        do {
            record.f0 = key++;
        } while (table.reduce(record));
        long fitted = table.size();
        assertTrue(fitted > 300_000 && fitted < 310_000, "keys held: " + fitted);
        assertEquals(512, pages.drawnPages());
        long[] total = new long[1];
        table.emitAndReset(t -> total[0] += t.f1);
        assertEquals(fitted, total[0]);
        table.close();
        assertEquals(pages.capacity(), pages.size(), "close gives every page back");
        pages.close();
        assertTrue(memory.isIdle());
    }

    /**
     * Sums of a {@link FieldAggregator} (reduced in the serialized aggregates) and decimal-string sums
     * (deserialized, growing longer: appended anew), over keys of non-ASCII strings, on 4 KiB pages, so
     * that keys and aggregates straddle page ends, with a budget that fills: every flushed partial
     * aggregate added up must give the exact totals.
     */
    @Test
    void serializedAndDeserializedReducesAcrossPageEndsAndFlushesAddUpExactly() throws Exception {
        MemoryManager small = new MemoryManager(1L << 20, 4096, 1, "test budget");
        TypeInfo<Tuple2<String, Long>> counts = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<String, Long>> countSerializer = counts.createSerializer(CONFIG);
        TypeInfo<Tuple2<String, String>> decimals = new TypeHint<Tuple2<String, String>>() {}.getTypeInfo();
        ReduceFunction<Tuple2<String, String>> decimalSum = (a, b) -> {
            a.f1 = Long.toString(Long.parseLong(a.f1) + Long.parseLong(b.f1));
            return a;
        };
        Map<String, Long> expected = new HashMap<>();
        Map<String, Long> sums = new HashMap<>();
        Map<String, Long> decimalSums = new HashMap<>();
        int flushes = 0;
        FreePages sumPages = small.reserve(this, 0, 40);
        FreePages decimalPages = small.reserve(this, 0, 40);
        try (var sumTable = new HashAggregationTable<>(countSerializer, Comparators.fields(counts, CONFIG, new int[] {0}, new boolean[] {true}),
                FieldAggregator.at(FieldAggregator.Kind.SUM, counts, 1, countSerializer), sumPages);
                var decimalTable = new HashAggregationTable<>(decimals.createSerializer(CONFIG),
                        Comparators.fields(decimals, CONFIG, new int[] {0}, new boolean[] {true}), decimalSum, decimalPages)) {
            SplittableRandom random = new SplittableRandom(3);
            Tuple2<String, Long> count = new Tuple2<>();
            Tuple2<String, String> decimal = new Tuple2<>();
            for (int i = 0; i < 300_000; i++) {
                int k = random.nextInt(6_000);
                long v = random.nextLong(-1_000, 100_000);
                count.f0 = "w\u00f6rt-" + k + "-\u4e2d".repeat(k % 4);
                count.f1 = v;
                decimal.f0 = count.f0;
                decimal.f1 = Long.toString(v);
                expected.merge(count.f0, v, Long::sum);
                if (!sumTable.reduce(count)) {
                    sumTable.emitAndReset(t -> sums.merge(t.f0, t.f1, Long::sum));
                    flushes++;
                    assertTrue(sumTable.reduce(count));
                }
                if (!decimalTable.reduce(decimal)) {
                    decimalTable.emitAndReset(t -> decimalSums.merge(t.f0, Long.parseLong(t.f1), Long::sum));
                    assertTrue(decimalTable.reduce(decimal));
                }
            }
            sumTable.emitAndReset(t -> sums.merge(t.f0, t.f1, Long::sum));
            decimalTable.emitAndReset(t -> decimalSums.merge(t.f0, Long.parseLong(t.f1), Long::sum));
        }
        sumPages.close();
        decimalPages.close();
        // 6,000 keys of 50 to 70 bytes need about 90 pages, the records get at most 39 of the 40: the table fills
        assertTrue(flushes > 0, "flushes: " + flushes);
        assertEquals(expected, sums);
        assertEquals(expected, decimalSums);
        assertTrue(small.isIdle());
    }

    /**
     * Keys of up to 8 key bytes are compared as one word with the bytes past the key masked off. Every
     * word of one to four letters from a to d (340 keys, each a prefix of others), on 4 KiB pages where
     * records end a few bytes before a page end, must be counted exactly and never confused with a prefix,
     * also in pages that held other records before.
     */
    @Test
    void shortKeysComparedAsOneWordAreNeverConfusedWithTheirPrefixes() throws Exception {
        MemoryManager small = new MemoryManager(1L << 20, 4096, 1, "test budget");
        TypeInfo<Tuple2<String, Long>> counts = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<String, Long>> serializer = counts.createSerializer(CONFIG);
        List<String> words = new java.util.ArrayList<>(List.of(""));
        for (int length = 1; length <= 4; length++) {
            for (String shorter : List.copyOf(words)) {
                if (shorter.length() == length - 1) {
                    for (char c = 'a'; c <= 'd'; c++) {
                        words.add(shorter + c);
                    }
                }
            }
        }
        words.remove("");
        FreePages pages = small.reserve(this, 0, 8);
        try (var table = new HashAggregationTable<>(serializer, Comparators.fields(counts, CONFIG, new int[] {0}, new boolean[] {true}),
                FieldAggregator.at(FieldAggregator.Kind.SUM, counts, 1, serializer), pages)) {
            // the second round reuses the first one's pages, whose old bytes lie past the new records
            for (int seed = 4; seed <= 5; seed++) {
                Map<String, Long> expected = new HashMap<>();
                Map<String, Long> actual = new HashMap<>();
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < 200_000; i++) {
                    String word = words.get(random.nextInt(words.size()));
                    long value = random.nextLong(-1_000, 1_000);
                    expected.merge(word, value, Long::sum);
                    assertTrue(table.reduce(Tuple2.of(word, value)));
                }
                assertEquals(340, table.size());
                table.emitAndReset(t -> assertEquals(null, actual.put(t.f0, t.f1)));
                assertEquals(expected, actual);
            }
        }
        pages.close();
        assertTrue(small.isIdle());
    }

    /**
     * A spilling table on 32 pages of 4 KiB (8 partitions) gets 40 k keys of 46 bytes, 1.8 MB: partitions
     * spill, and each one's 230 KB spill again one level deeper (or more) before they fit. Sums reduced in place and
     * decimal strings that grow (appended anew, the old aggregates left superseded in the spilled pages)
     * must both come out exactly as a plain-Java recomputation, once per key, with no file left.
     */
    @Test
    void aSpillingTableOnTinyMemoryAggregatesExactlyThroughTwoLevelsAndDeletesItsFiles(@TempDir Path spillDir) throws Exception {
        MemoryManager tiny = new MemoryManager(1L << 20, 4096, 1, "test budget");
        TypeInfo<Tuple2<String, Long>> counts = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<String, Long>> countSerializer = counts.createSerializer(CONFIG);
        TypeInfo<Tuple2<String, String>> decimals = new TypeHint<Tuple2<String, String>>() {}.getTypeInfo();
        ReduceFunction<Tuple2<String, String>> decimalSum = (a, b) -> {
            a.f1 = Long.toString(Long.parseLong(a.f1) + Long.parseLong(b.f1));
            return a;
        };
        Map<String, Long> expected = new HashMap<>();
        Map<String, Long> sums = new HashMap<>();
        Map<String, Long> decimalSums = new HashMap<>();
        Object owner = new Object();
        try (IOManager io = new IOManager(List.of(spillDir))) {
            FreePages sumPages = tiny.reserve(this, 0, 32);
            FreePages decimalPages = tiny.reserve(this, 0, 32);
            try (var sumTable = HashAggregationTable.spilling(countSerializer, Comparators.fields(counts, CONFIG, new int[] {0},
                    new boolean[] {true}), FieldAggregator.at(FieldAggregator.Kind.SUM, counts, 1, countSerializer), sumPages, io, owner);
                    var decimalTable = HashAggregationTable.spilling(decimals.createSerializer(CONFIG),
                            Comparators.fields(decimals, CONFIG, new int[] {0}, new boolean[] {true}), decimalSum, decimalPages, io, owner)) {
                SplittableRandom random = new SplittableRandom(4);
                Tuple2<String, Long> count = new Tuple2<>();
                Tuple2<String, String> decimal = new Tuple2<>();
                for (int i = 0; i < 400_000; i++) {
                    count.f0 = "key-" + (100_000 + random.nextInt(40_000));
                    count.f1 = random.nextLong(-1_000, 1_000_000);
                    decimal.f0 = count.f0;
                    decimal.f1 = Long.toString(count.f1);
                    expected.merge(count.f0, count.f1, Long::sum);
                    assertTrue(sumTable.reduce(count));
                    assertTrue(decimalTable.reduce(decimal));
                }
                assertTrue(io.fileCount(owner) > 0, "partitions went to disk");
                sumTable.emitAndReset(t -> assertEquals(null, sums.put(t.f0, t.f1), "key " + t.f0 + " twice"));
                decimalTable.emitAndReset(t -> assertEquals(null, decimalSums.put(t.f0, Long.parseLong(t.f1)), "key " + t.f0 + " twice"));
                assertTrue(sumTable.getDeepestLevel() >= 2, "spilled partitions spill again one level deeper: " + sumTable.getDeepestLevel());
                assertTrue(sumTable.getSpilledPartitions() > 8, "spilled: " + sumTable.getSpilledPartitions());
                assertTrue(decimalTable.getDeepestLevel() >= 2, "decimal levels: " + decimalTable.getDeepestLevel());
                assertEquals(0, io.fileCount(owner), "every spill file is deleted once aggregated");
            }
            assertEquals(sumPages.capacity(), sumPages.size(), "close gives every page back");
            sumPages.close();
            decimalPages.close();
        }
        assertEquals(expected, sums);
        assertEquals(expected, decimalSums);
        assertTrue(tiny.isIdle());
        assertNoFileIn(spillDir);
    }

    /**
     * With 10 pages every level keeps one as its read buffer, so the third level has too few for a table:
     * its spilled partitions are sorted and reduced instead, still exactly, and still leave no file.
     */
    @Test
    void aPartitionNoDeeperTableCanTakeIsSortedAndReducedExactly(@TempDir Path spillDir) throws Exception {
        MemoryManager tiny = new MemoryManager(1L << 20, 4096, 1, "test budget");
        TypeInfo<Tuple2<Long, Long>> type = new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<Long, Long>> serializer = type.createSerializer(CONFIG);
        Map<Long, Long> expected = new HashMap<>();
        Map<Long, Long> sums = new HashMap<>();
        Object owner = new Object();
        try (IOManager io = new IOManager(List.of(spillDir))) {
            FreePages pages = tiny.reserve(this, 0, 10);
            try (var table = HashAggregationTable.spilling(serializer, Comparators.fields(type, CONFIG, new int[] {0},
                    new boolean[] {true}), FieldAggregator.at(FieldAggregator.Kind.SUM, type, 1, serializer), pages, io, owner)) {
                addRandomValues(table, new SplittableRandom(11), 200_000, 30_000, expected);
                table.emitAndReset(t -> assertEquals(null, sums.put(t.f0, t.f1), "key " + t.f0 + " twice"));
                assertTrue(table.getSortedPartitions() > 0, "sorted partitions: " + table.getSortedPartitions());
                assertEquals(0, io.fileCount(owner), "every spill and sort file is deleted");
            }
            assertEquals(pages.capacity(), pages.size(), "close gives every page back");
            pages.close();
        }
        assertEquals(expected, sums);
        assertTrue(tiny.isIdle());
        assertNoFileIn(spillDir);
    }

    /**
     * Below {@value HashAggregationTable#MIN_SPILLING_PAGES} pages a spilling table has no room for two
     * partitions and sorts instead, down to the sort's three pages: 100,000 records over 20,000 keys (1.6 MB)
     * in 3 to 7 pages of 4 KB spill sorted runs, and the sums are exact, one per key, twice in a row (the
     * table is reused after {@code emitAndReset}); every page and file goes back. With 2 pages it refuses,
     * naming the option to raise.
     */
    @Test
    void aSpillingTableBelowEightPagesSortsExactlyAndBelowThreeRefuses(@TempDir Path spillDir) throws Exception {
        MemoryManager tiny = new MemoryManager(1L << 20, 4096, 1, "test budget");
        TypeInfo<Tuple2<Long, Long>> type = new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<Long, Long>> serializer = type.createSerializer(CONFIG);
        ReduceFunction<Tuple2<Long, Long>> sum = (a, b) -> Tuple2.of(a.f0, a.f1 + b.f1);
        Object owner = new Object();
        try (IOManager io = new IOManager(List.of(spillDir))) {
            for (int pageCount = HashAggregationTable.MIN_SORTING_PAGES; pageCount < HashAggregationTable.MIN_SPILLING_PAGES;
                    pageCount++) {
                FreePages pages = tiny.reserve(this, 0, pageCount);
                try (var table = HashAggregationTable.spilling(serializer, Comparators.fields(type, CONFIG, new int[] {0},
                        new boolean[] {true}), sum, pages, io, owner)) {
                    for (int round = 0; round < 2; round++) {
                        Map<Long, Long> expected = new HashMap<>();
                        Map<Long, Long> sums = new HashMap<>();
                        addRandomValues(table, new SplittableRandom(pageCount * 10L + round), 100_000, 20_000, expected);
                        assertTrue(io.fileCount(owner) > 0, pageCount + " pages: the sort spilled runs");
                        table.emitAndReset(t -> assertEquals(null, sums.put(t.f0, t.f1), "key " + t.f0 + " twice"));
                        assertEquals(expected, sums, pageCount + " pages, round " + round);
                        assertEquals(0, io.fileCount(owner), "every run is deleted once read");
                    }
                }
                assertEquals(pages.capacity(), pages.size(), "close gives every page back");
                pages.close();
            }
            FreePages two = tiny.reserve(this, 0, 2);
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> HashAggregationTable.spilling(serializer, Comparators.fields(type, CONFIG, new int[] {0},
                            new boolean[] {true}), sum, two, io, owner));
            assertEquals("A hash aggregation needs at least 3 pages of managed memory, got 2: raise "
                    + "taskmanager.memory.managed.size or the operator's share of it", e.getMessage());
            two.close();
        }
        assertTrue(tiny.isIdle());
        assertNoFileIn(spillDir);
    }

    /** A spilling table closed before it emits (a failure or cancellation) deletes the files it wrote: 410 KB of keys in 64 KB. */
    @Test
    void aSpillingTableClosedBeforeTheEndDeletesItsFiles(@TempDir Path spillDir) throws Exception {
        MemoryManager tiny = new MemoryManager(1L << 20, 4096, 1, "test budget");
        TypeInfo<Tuple2<Long, Long>> type = new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo();
        TypeSerializer<Tuple2<Long, Long>> serializer = type.createSerializer(CONFIG);
        Object owner = new Object();
        try (IOManager io = new IOManager(List.of(spillDir))) {
            FreePages pages = tiny.reserve(this, 0, 16);
            var table = HashAggregationTable.spilling(serializer, Comparators.fields(type, CONFIG, new int[] {0}, new boolean[] {true}),
                    FieldAggregator.at(FieldAggregator.Kind.SUM, type, 1, serializer), pages, io, owner);
            Tuple2<Long, Long> record = new Tuple2<>(0L, 1L);
            for (long key = 0; key < 10_000; key++) {
                record.f0 = key;
                assertTrue(table.reduce(record));
            }
            assertTrue(io.fileCount(owner) > 0);
            table.close();
            assertEquals(0, io.fileCount(owner));
            assertEquals(pages.capacity(), pages.size());
            pages.close();
        }
        assertNoFileIn(spillDir);
        assertTrue(tiny.isIdle());
    }

    private static void assertNoFileIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
        }
    }

    /** Reduces {@code records} random values over {@code keys} keys into a spilling table, summing them into {@code expected} too. */
    private static void addRandomValues(HashAggregationTable<Tuple2<Long, Long>> table, SplittableRandom random, int records,
            long keys, Map<Long, Long> expected) throws Exception {
        Tuple2<Long, Long> record = new Tuple2<>();
        for (int i = 0; i < records; i++) {
            record.f0 = random.nextLong(keys);
            record.f1 = random.nextLong(-5, 1_000);
            expected.merge(record.f0, record.f1, Long::sum);
            assertTrue(table.reduce(record));
        }
    }
}
