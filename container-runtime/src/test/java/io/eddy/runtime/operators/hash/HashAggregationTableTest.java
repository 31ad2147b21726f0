package io.eddy.runtime.operators.hash;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.comparators.Comparators;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.memory.MemoryManager;
import org.junit.jupiter.api.Test;

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
        // 10 k keys of ~33 bytes fill about 10 pages; 2 M updates appended would need 2,000
        try (var table = new HashAggregationTable<>(type.createSerializer(CONFIG),
                Comparators.fields(type, CONFIG, new int[] {0}, new boolean[] {true}), sum, memory.allocatePages(this, 0, 16))) {
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
        // a budget of 512 pages (16 MiB), 64 of them set aside for the bucket array
        FreePages pages = memory.reserve(this, 0, 512);
        var table = new HashAggregationTable<>(type.createSerializer(CONFIG),
                Comparators.fields(type, CONFIG, new int[] {0}, new boolean[] {true}), sum, pages);
        assertEquals(1, pages.drawnPages(), "an empty table holds one bucket page");
        Tuple2<Long, Long> record = new Tuple2<>(0L, 1L);
        for (long key = 0; key < 1_000; key++) {
            record.f0 = key;
            assertTrue(table.reduce(record));
        }
        // 1,000 keys of 33 bytes: two record pages, one bucket page
        assertEquals(3, pages.drawnPages());
        // 100 k keys: 3.3 MB of records (about 101 pages) and 131,072 buckets (32 pages)
        long key = 1_000;
        while (key < 100_000) {
            record.f0 = key++;
            assertTrue(table.reduce(record));
        }
        assertTrue(pages.drawnPages() >= 32 + 100 && pages.drawnPages() <= 32 + 103, "pages drawn: " + pages.drawnPages());
        // until the records fill the budget but the 64 pages of the largest bucket array, which they never take
        do {
            record.f0 = key++;
        } while (table.reduce(record));
        long fitted = table.size();
        assertTrue(fitted > 400_000 && fitted < 450_000, "keys held: " + fitted);
        assertEquals(512, pages.drawnPages());
        long[] total = new long[1];
        table.emitAndReset(t -> total[0] += t.f1);
        assertEquals(fitted, total[0]);
        table.close();
        assertEquals(pages.capacity(), pages.size(), "close gives every page back");
        pages.close();
        assertTrue(memory.isIdle());
    }
}
