package io.eddy.runtime.operators.hash;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.comparators.Comparators;
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
}
