package io.eddy.runtime.operators.sort;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.Types;
import io.eddy.api.types.comparators.Comparators;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.memory.MemoryManager;
import io.eddy.runtime.operators.BatchTestData;
import io.eddy.runtime.operators.KeyGroupedIterator;
import io.eddy.runtime.operators.RecordIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.eddy.runtime.operators.BatchTestData.sm;
import static io.eddy.runtime.operators.BatchTestData.spillFilesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ExternalSorterTest {
    private static final int PAGE = 32 * 1024;
    private static final SerializerConfig CONFIG = new SerializerConfig();
    private static final TypeInfo<Tuple2<Long, Long>> LONG_PAIR = new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo();

    @TempDir
    Path tmp;

    private MemoryManager memory;
    private IOManager io;
    private final Object owner = "sort-under-test";

    @BeforeEach
    void setUp() {
        memory = new MemoryManager(64L << 20, PAGE, 1, "test budget");
        io = new IOManager(List.of(tmp.resolve("a"), tmp.resolve("b")));
    }

    @AfterEach
    void tearDown() {
        io.shutdown();
    }

    private <T> ExternalSorter<T> sorter(TypeInfo<T> type, TypeComparator<T> comparator, int pages, SortCombiner<T> combiner, int fanIn) {
        List<MemorySegment> segments = memory.allocatePages(owner, 0, pages);
        return new ExternalSorter<>(type.createSerializer(CONFIG), comparator, segments, io, owner, combiner,
                ExternalSorter.DEFAULT_MAX_KEY_BYTES, fanIn);
    }

    private static TypeComparator<Tuple2<Long, Long>> byKeyThenPayload() {
        return Comparators.fields(LONG_PAIR, CONFIG, new int[] {0, 1}, new boolean[] {true, true});
    }

    @Test
    void sortWorkloadOfOneMillionRecordsMatchesTheReferenceChecksumThroughSpilledRuns() throws Exception {
        // 1 M records of about 37 bytes each in 1 MiB: some 40 runs, merged at most 8 at a time
        try (ExternalSorter<Tuple2<Long, Long>> sorter = sorter(LONG_PAIR, byKeyThenPayload(), 32, null, 8)) {
            RecordIterator<Tuple2<Long, Long>> input = BatchTestData.sortInput(1_000_000);
            for (Tuple2<Long, Long> r = input.next(null); r != null; r = input.next(null)) {
                sorter.add(r);
            }
            BatchTestData.SortChecksum checksum = new BatchTestData.SortChecksum();
            RecordIterator<Tuple2<Long, Long>> sorted = sorter.sorted();
            Tuple2<Long, Long> reuse = new Tuple2<>();
            for (Tuple2<Long, Long> r = sorted.next(reuse); r != null; r = sorted.next(reuse)) {
                checksum.add(r.f0, r.f1);
            }
            assertEquals("count:1000000,ties:0,unsorted:0,pos_hash:467fc5d809e62b86", checksum.toString());
            assertTrue(sorter.getSpilledRuns() > 30, "spilled runs: " + sorter.getSpilledRuns());
        }
        assertEquals(0, spillFilesLeft(io));
        memory.releaseAll(owner);
        assertTrue(memory.isIdle());
    }

    /** Serializes {@code record} into {@code bytes} and adds it to {@code sorter} as those bytes, read through {@code in}. */
    private static <T> void addSerialized(ExternalSorter<T> sorter, TypeSerializer<T> serializer, T record,
            SegmentOutputView bytes, SegmentInputView in) throws Exception {
        bytes.clear();
        serializer.serialize(record, bytes);
        in.setBuffer(bytes.getSharedBuffer(), 0, bytes.length());
        sorter.addSerialized(in, bytes.length());
        assertEquals(0, in.available(), "the sorter reads exactly the record's bytes");
    }

    @Test
    void serializedRecordsMatchTheReferenceChecksumThroughSpilledRuns() throws Exception {
        TypeSerializer<Tuple2<Long, Long>> serializer = LONG_PAIR.createSerializer(CONFIG);
        SegmentOutputView bytes = new SegmentOutputView(64);
        SegmentInputView in = new SegmentInputView();
        try (ExternalSorter<Tuple2<Long, Long>> sorter = sorter(LONG_PAIR, byKeyThenPayload(), 32, null, 8)) {
            assertTrue(sorter.takesSerializedRecords());
            RecordIterator<Tuple2<Long, Long>> input = BatchTestData.sortInput(1_000_000);
            for (Tuple2<Long, Long> r = input.next(null); r != null; r = input.next(null)) {
                addSerialized(sorter, serializer, r, bytes, in);
            }
            BatchTestData.SortChecksum checksum = new BatchTestData.SortChecksum();
            RecordIterator<Tuple2<Long, Long>> sorted = sorter.sorted();
            for (Tuple2<Long, Long> r = sorted.next(null); r != null; r = sorted.next(null)) {
                checksum.add(r.f0, r.f1);
            }
            assertEquals("count:1000000,ties:0,unsorted:0,pos_hash:467fc5d809e62b86", checksum.toString());
            assertTrue(sorter.getSpilledRuns() > 30, "spilled runs: " + sorter.getSpilledRuns());
        }
        assertEquals(0, spillFilesLeft(io));
    }

    /**
     * Descending int keys with many ties, decided by the payload: read from the bytes. Records whose later
     * field is null have no key at a fixed place, so theirs comes from the deserialized record.
     */
    @Test
    void serializedRecordsWithTiesAndNullFieldsSortInExactOrderAcrossSpills() throws Exception {
        TypeInfo<Tuple3<Integer, Long, Long>> type = new TypeHint<Tuple3<Integer, Long, Long>>() {}.getTypeInfo();
        TypeSerializer<Tuple3<Integer, Long, Long>> serializer = type.createSerializer(CONFIG);
        Comparator<Tuple3<Integer, Long, Long>> expectedOrder = Comparator
                .comparing((Tuple3<Integer, Long, Long> t) -> t.f0, Comparator.reverseOrder()).thenComparing(t -> t.f1);
        List<Tuple3<Integer, Long, Long>> expected = new ArrayList<>();
        SegmentOutputView bytes = new SegmentOutputView(64);
        SegmentInputView in = new SegmentInputView();
        try (ExternalSorter<Tuple3<Integer, Long, Long>> sorter = sorter(type,
                Comparators.fields(type, CONFIG, new int[] {0, 1}, new boolean[] {false, true}), 8, null, 4)) {
            assertTrue(sorter.takesSerializedRecords());
            for (int i = 0; i < 200_000; i++) {
                // 100 keys, negative ones too; every 7th record has no third field
                Tuple3<Integer, Long, Long> record = new Tuple3<>((int) (sm(11, i) % 100) - 50, sm(12, i), i % 7 == 0 ? null : (long) i);
                expected.add(record);
                addSerialized(sorter, serializer, record, bytes, in);
            }
            assertTrue(sorter.getSpilledRuns() > 4, "spilled runs: " + sorter.getSpilledRuns());
            expected.sort(expectedOrder);
            List<Tuple3<Integer, Long, Long>> actual = new ArrayList<>();
            RecordIterator<Tuple3<Integer, Long, Long>> sorted = sorter.sorted();
            for (Tuple3<Integer, Long, Long> r = sorted.next(null); r != null; r = sorted.next(null)) {
                actual.add(r);
            }
            assertEquals(expected, actual);
        }
        assertEquals(0, spillFilesLeft(io));
    }

    @Test
    void recordsWithoutALengthBoundAreNotTakenSerialized() throws Exception {
        TypeInfo<Tuple2<String, Integer>> type = new TypeHint<Tuple2<String, Integer>>() {}.getTypeInfo();
        try (ExternalSorter<Tuple2<String, Integer>> sorter = sorter(type,
                Comparators.fields(type, CONFIG, new int[] {0}, new boolean[] {true}), 8, null, 4)) {
            assertFalse(sorter.takesSerializedRecords());
        }
    }

    @Test
    void tenMillionRecordsSortExactlyInFourMebibytes() throws Exception {
        long n = 10_000_000;
        long[] keys = new long[(int) n];
        try (ExternalSorter<Tuple2<Long, Long>> sorter = sorter(LONG_PAIR, byKeyThenPayload(), 128, null, 64)) {
            Tuple2<Long, Long> record = new Tuple2<>();
            for (int i = 0; i < n; i++) {
                // few distinct keys, so payloads decide among equal keys
                long key = sm(7, i) % 1_000_003;
                keys[i] = key;
                record.f0 = key;
                record.f1 = (long) i;
                sorter.add(record);
            }
            Arrays.sort(keys);
            RecordIterator<Tuple2<Long, Long>> sorted = sorter.sorted();
            Tuple2<Long, Long> reuse = new Tuple2<>();
            long i = 0;
            long lastPayload = -1;
            for (Tuple2<Long, Long> r = sorted.next(reuse); r != null; r = sorted.next(reuse), i++) {
                boolean inOrder = keys[(int) i] == r.f0 && (i == 0 || keys[(int) i - 1] != r.f0 || r.f1 > lastPayload);
                if (!inOrder) {
                    fail("Out of order at position " + i + ": " + r + " after payload " + lastPayload + ", expected key " + keys[(int) i]);
                }
                lastPayload = r.f1;
            }
            assertEquals(n, i);
        }
        assertEquals(0, spillFilesLeft(io));
    }

    /**
     * A sorted result is read again as often as asked, in the same exact order: read in place when it
     * fit (nothing spilled), merged again from the final runs when it spilled (5 pages and a fan-in of
     * 3, so an intermediate merge first); the runs stay until close, which deletes them.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} records in {1} pages")
    @org.junit.jupiter.params.provider.CsvSource({"2000, 8", "60000, 5"})
    void aSortedResultIsReadAgainInTheSameExactOrder(int records, int pages) throws Exception {
        SplittableRandom random = new SplittableRandom(records);
        List<Tuple2<Long, Long>> expected = new ArrayList<>();
        try (ExternalSorter<Tuple2<Long, Long>> sorter = sorter(LONG_PAIR, byKeyThenPayload(), pages, null, 3)) {
            for (int i = 0; i < records; i++) {
                Tuple2<Long, Long> record = Tuple2.of(random.nextLong(records / 3), random.nextLong());
                expected.add(record);
                sorter.add(record);
            }
            expected.sort(Comparator.<Tuple2<Long, Long>, Long>comparing(t -> t.f0).thenComparing(t -> t.f1));
            RecordIterator<Tuple2<Long, Long>> sorted = sorter.sorted();
            for (int read = 0; read < 3; read++) {
                Tuple2<Long, Long> reuse = new Tuple2<>();
                for (Tuple2<Long, Long> e : expected) {
                    assertEquals(e, reuse = sorted.next(reuse), "read " + read);
                }
                assertNull(sorted.next(reuse));
                sorted = sorter.sortedAgain();
            }
            assertEquals(records > 10_000, sorter.getSpilledRuns() > 3, "runs: " + sorter.getSpilledRuns());
            assertEquals(records > 10_000, spillFilesLeft(io) > 0, "the final runs stay until close");
        }
        assertEquals(0, spillFilesLeft(io));
    }

    @Test
    void stringKeysDescendingMergeInSeveralLevelsInExactOrder() throws Exception {
        TypeInfo<Tuple2<String, Integer>> type = new TypeHint<Tuple2<String, Integer>>() {}.getTypeInfo();
        TypeComparator<Tuple2<String, Integer>> comparator =
                Comparators.fields(type, CONFIG, new int[] {0, 1}, new boolean[] {false, true});
        SplittableRandom random = new SplittableRandom(42);
        List<Tuple2<String, Integer>> expected = new ArrayList<>();
        // 4 pages: 3 runs merged at once, so 150 k records (~20 runs) need several merge levels
        try (ExternalSorter<Tuple2<String, Integer>> sorter = sorter(type, comparator, 4, null, 3)) {
            for (int i = 0; i < 150_000; i++) {
                // shared prefixes longer than the normalized key, so the comparator decides ties
                String key = "customer-" + "0".repeat(random.nextInt(3)) + random.nextInt(5000);
                Tuple2<String, Integer> record = Tuple2.of(key, random.nextInt(100));
                expected.add(record);
                sorter.add(record);
            }
            expected.sort(Comparator.<Tuple2<String, Integer>, String>comparing(t -> t.f0).reversed().thenComparing(t -> t.f1));
            RecordIterator<Tuple2<String, Integer>> sorted = sorter.sorted();
            for (Tuple2<String, Integer> e : expected) {
                assertEquals(e, sorted.next(new Tuple2<>()));
            }
            assertNull(sorted.next(new Tuple2<>()));
            assertTrue(sorter.getSpilledRuns() > 20, "runs including merged ones: " + sorter.getSpilledRuns());
        }
        assertEquals(0, spillFilesLeft(io));
    }

    @Test
    void keysThatTheirNormalizedPrefixDoesNotDecideSortInMemoryThroughRadixPassesInExactOrder() throws Exception {
        TypeInfo<Tuple2<String, Integer>> type = new TypeHint<Tuple2<String, Integer>>() {}.getTypeInfo();
        TypeComparator<Tuple2<String, Integer>> comparator =
                Comparators.fields(type, CONFIG, new int[] {0, 1}, new boolean[] {true, false});
        SplittableRandom random = new SplittableRandom(5);
        List<Tuple2<String, Integer>> expected = new ArrayList<>();
        // 200 k entries in one buffer: radix passes down to the last key byte, then the comparator on equal prefixes
        try (ExternalSorter<Tuple2<String, Integer>> sorter = sorter(type, comparator, 512, null, 8)) {
            for (int i = 0; i < 200_000; i++) {
                String key = "order-line-" + (char) ('a' + random.nextInt(3)) + "-" + random.nextInt(20_000);
                Tuple2<String, Integer> record = Tuple2.of(key, random.nextInt(1000));
                expected.add(record);
                sorter.add(record);
            }
            expected.sort(Comparator.<Tuple2<String, Integer>, String>comparing(t -> t.f0)
                    .thenComparing(t -> t.f1, Comparator.reverseOrder()));
            RecordIterator<Tuple2<String, Integer>> sorted = sorter.sorted();
            for (Tuple2<String, Integer> e : expected) {
                assertEquals(e, sorted.next(new Tuple2<>()));
            }
            assertNull(sorted.next(new Tuple2<>()));
            assertEquals(0, sorter.getSpilledRuns());
        }
    }

    /**
     * Strings of 0 to 24 letters over {a, b}: many share prefixes longer than the 16 key bytes, one is
     * often a prefix of another, and most occur many times, so radix passes run down to every key byte
     * on ranges from a few entries to thousands and leave ties of the whole key. Sorted by the string
     * alone, each group of equal strings must hold exactly its payloads, in any order.
     */
    private void variableLengthStringKeysSortWithTies(boolean ascending, int pages, boolean expectSpills) throws Exception {
        TypeInfo<Tuple2<String, Long>> type = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
        TypeComparator<Tuple2<String, Long>> comparator =
                Comparators.fields(type, CONFIG, new int[] {0}, new boolean[] {ascending});
        SplittableRandom random = new SplittableRandom(ascending ? 17 : 18);
        Map<String, List<Long>> payloads = new HashMap<>();
        StringBuilder key = new StringBuilder();
        int n = 150_000;
        try (ExternalSorter<Tuple2<String, Long>> sorter = sorter(type, comparator, pages, null, 8)) {
            for (long i = 0; i < n; i++) {
                key.setLength(0);
                int length = random.nextInt(25);
                for (int c = 0; c < length; c++) {
                    key.append(random.nextInt(8) == 0 ? 'b' : 'a');
                }
                String k = key.toString();
                payloads.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
                sorter.add(Tuple2.of(k, i));
            }
            List<String> order = new ArrayList<>(payloads.keySet());
            order.sort(ascending ? Comparator.naturalOrder() : Comparator.reverseOrder());
            RecordIterator<Tuple2<String, Long>> sorted = sorter.sorted();
            Tuple2<String, Long> reuse = new Tuple2<>();
            for (String expectedKey : order) {
                List<Long> expected = payloads.get(expectedKey);
                List<Long> actual = new ArrayList<>();
                for (int j = 0; j < expected.size(); j++) {
                    Tuple2<String, Long> r = sorted.next(reuse);
                    assertEquals(expectedKey, r.f0, "record " + j + " of the group of \"" + expectedKey + "\"");
                    actual.add(r.f1);
                }
                actual.sort(null);
                assertEquals(expected, actual, "payloads of \"" + expectedKey + "\"");
            }
            assertNull(sorted.next(reuse));
            assertEquals(expectSpills, sorter.getSpilledRuns() > 0, "spilled runs: " + sorter.getSpilledRuns());
        }
        assertEquals(0, spillFilesLeft(io));
    }

    @Test
    void variableLengthStringKeysWithTiesSortAscendingInOneBuffer() throws Exception {
        variableLengthStringKeysSortWithTies(true, 1024, false);
    }

    @Test
    void variableLengthStringKeysWithTiesSortDescendingThroughSpilledRuns() throws Exception {
        variableLengthStringKeysSortWithTies(false, 24, true);
    }

    @Test
    void clusteredLongKeysSortDescendingThenByPayloadThroughRadixRangesOfEverySize() throws Exception {
        // keys in a few clusters of very different sizes: after the passes on the shared high bytes, ranges
        // of a handful to tens of thousands of entries, some just above and below the radix threshold,
        // whose equal keys the payload (also in the 16-byte normalized key) orders
        TypeComparator<Tuple2<Long, Long>> comparator =
                Comparators.fields(LONG_PAIR, CONFIG, new int[] {0, 1}, new boolean[] {false, true});
        SplittableRandom random = new SplittableRandom(23);
        int n = 300_000;
        long[][] expected = new long[n][];
        for (int buffers = 0; buffers < 2; buffers++) {
            // first in one buffer, then through spilled runs
            try (ExternalSorter<Tuple2<Long, Long>> sorter = sorter(LONG_PAIR, comparator, buffers == 0 ? 1024 : 64, null, 8)) {
                for (int i = 0; i < n; i++) {
                    int cluster = random.nextInt(100);
                    long key = cluster < 60 ? random.nextInt(40)                       // ties by the thousand
                            : cluster < 90 ? (-1L << 40) + random.nextInt(70_000)     // negative: ~1 per key
                            : cluster < 99 ? (3L << 56) + 256L * random.nextInt(300)  // differ in byte 6 only
                            : Long.MIN_VALUE + random.nextInt(65);                     // around the threshold
                    expected[i] = new long[] {key, i};
                    sorter.add(Tuple2.of(key, (long) i));
                }
                Arrays.sort(expected, (x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));
                RecordIterator<Tuple2<Long, Long>> sorted = sorter.sorted();
                Tuple2<Long, Long> reuse = new Tuple2<>();
                for (int i = 0; i < n; i++) {
                    Tuple2<Long, Long> r = sorted.next(reuse);
                    if (r.f0 != expected[i][0] || r.f1 != expected[i][1]) {
                        fail("Position " + i + ": " + r + ", expected (" + expected[i][0] + "," + expected[i][1] + ")");
                    }
                }
                assertNull(sorted.next(reuse));
                assertEquals(buffers == 1, sorter.getSpilledRuns() > 0, "spilled runs: " + sorter.getSpilledRuns());
            }
        }
        assertEquals(0, spillFilesLeft(io));
    }

    @Test
    void smallRecordsKeptInTheirEntriesSortByRecordsBeyondTheKeyPrefixWithNullFieldsThroughSpilledRuns() throws Exception {
        // Tuple3<Long, Integer, Long>: at most 21 bytes, so kept inline; an 8-byte key prefix leaves the
        // order of equal f0 to the comparator on the inline records, and null f2 makes records shorter
        TypeInfo<Tuple3<Long, Integer, Long>> type = new TypeHint<Tuple3<Long, Integer, Long>>() {}.getTypeInfo();
        TypeComparator<Tuple3<Long, Integer, Long>> comparator =
                Comparators.fields(type, CONFIG, new int[] {0, 1}, new boolean[] {true, false});
        assertEquals(21, type.createSerializer(CONFIG).getMaxLength());
        SplittableRandom random = new SplittableRandom(11);
        List<Tuple3<Long, Integer, Long>> expected = new ArrayList<>();
        List<MemorySegment> segments = memory.allocatePages(owner, 0, 16);
        try (ExternalSorter<Tuple3<Long, Integer, Long>> sorter = new ExternalSorter<>(type.createSerializer(CONFIG),
                comparator, segments, io, owner, null, 8, 4)) {
            for (int i = 0; i < 100_000; i++) {
                Tuple3<Long, Integer, Long> record = Tuple3.of((long) random.nextInt(500) - 250, random.nextInt(),
                        i % 3 == 0 ? null : (long) i);
                expected.add(record);
                sorter.add(record);
            }
            expected.sort(Comparator.<Tuple3<Long, Integer, Long>, Long>comparing(t -> t.f0)
                    .thenComparing(t -> t.f1, Comparator.reverseOrder()));
            RecordIterator<Tuple3<Long, Integer, Long>> sorted = sorter.sorted();
            Tuple3<Long, Integer, Long> reuse = new Tuple3<>();
            for (Tuple3<Long, Integer, Long> e : expected) {
                assertEquals(e, sorted.next(reuse));
            }
            assertNull(sorted.next(reuse));
            assertTrue(sorter.getSpilledRuns() > 5, "spilled runs: " + sorter.getSpilledRuns());
        }
        assertEquals(0, spillFilesLeft(io));
    }

    /** A POJO key field of a Java record type, sorted by a double descending then a long. */
    public record Trade(long id, double price, String symbol) {}

    @Test
    void recordsSortByComponentsWithoutSpillingWhenTheyFit() throws Exception {
        TypeInfo<Trade> type = Types.of(Trade.class);
        TypeComparator<Trade> comparator = Comparators.fields(type, CONFIG, new String[] {"price", "id"}, new boolean[] {false, true});
        List<Trade> expected = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        try (ExternalSorter<Trade> sorter = sorter(type, comparator, 64, null, 8)) {
            for (int i = 0; i < 20_000; i++) {
                Trade t = new Trade(random.nextLong(), random.nextInt(50) - 25.5, "S" + i);
                expected.add(t);
                sorter.add(t);
            }
            expected.sort(Comparator.comparingDouble(Trade::price).reversed().thenComparingLong(Trade::id));
            RecordIterator<Trade> sorted = sorter.sorted();
            for (Trade t : expected) {
                assertEquals(t, sorted.next(null));
            }
            assertNull(sorted.next(null));
            assertEquals(0, sorter.getSpilledRuns());
        }
    }

    @Test
    void combinerShrinksRunsAndGroupsReadBackGiveExactCounts() throws Exception {
        TypeInfo<Tuple2<String, Long>> type = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
        TypeComparator<Tuple2<String, Long>> comparator = Comparators.fields(type, CONFIG, new int[] {0}, new boolean[] {true});
        SortCombiner<Tuple2<String, Long>> sum = (group, out) -> {
            String word = null;
            long count = 0;
            for (Tuple2<String, Long> t : group) {
                word = t.f0;
                count += t.f1;
            }
            out.collect(Tuple2.of(word, count));
        };
        Map<String, Long> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(5);
        long spilledBytes;
        try (ExternalSorter<Tuple2<String, Long>> sorter = sorter(type, comparator, 64, sum, 4)) {
            Tuple2<String, Long> record = new Tuple2<>();
            for (int i = 0; i < 1_000_000; i++) {
                String word = "w" + Math.min(random.nextInt(1000), random.nextInt(1000));
                expected.merge(word, 1L, Long::sum);
                record.f0 = word;
                record.f1 = 1L;
                sorter.add(record);
            }
            KeyGroupedIterator<Tuple2<String, Long>> groups = new KeyGroupedIterator<>(sorter.sorted(), comparator);
            Map<String, Long> actual = new HashMap<>();
            String previous = null;
            while (groups.nextKey()) {
                String word = groups.currentKeyRecord().f0;
                assertTrue(previous == null || previous.compareTo(word) < 0, previous + " before " + word);
                previous = word;
                long count = 0;
                for (Tuple2<String, Long> t : groups.values()) {
                    assertEquals(word, t.f0);
                    count += t.f1;
                }
                assertNull(actual.put(word, count), "group of " + word + " seen twice");
            }
            assertEquals(expected, actual);
            spilledBytes = sorter.getSpilledBytes();
            assertTrue(sorter.getSpilledRuns() > 1);
        }
        // without combining, 1 M records of ~30 bytes would spill ~30 MB
        assertTrue(spilledBytes < 3_000_000, "spilled " + spilledBytes + " bytes");
        assertEquals(0, spillFilesLeft(io));
    }

    @Test
    void cancellingMidwayDeletesSpillFilesAndFreesTheMemory() throws Exception {
        ExternalSorter<Tuple2<Long, Long>> sorter = sorter(LONG_PAIR, byKeyThenPayload(), 8, null, 4);
        RecordIterator<Tuple2<Long, Long>> input = BatchTestData.sortInput(200_000);
        for (Tuple2<Long, Long> r = input.next(null); r != null; r = input.next(null)) {
            sorter.add(r);
        }
        assertTrue(sorter.getSpilledRuns() > 5);
        assertTrue(spillFilesLeft(io) > 5);
        // what the operator does on cancel: close the sorter, release its owner's memory
        sorter.close();
        memory.releaseAll(owner);
        assertEquals(0, spillFilesLeft(io));
        assertTrue(memory.isIdle());
        assertThrows(IllegalStateException.class, () -> sorter.add(BatchTestData.sortRecord(0)));
    }

    @Test
    void aFailingCombinerFailsTheSortAndCloseLeavesNoFiles() throws Exception {
        TypeComparator<Tuple2<Long, Long>> comparator = byKeyThenPayload();
        SortCombiner<Tuple2<Long, Long>> failing = new SortCombiner<>() {
            private int groups;

            @Override
            public void combine(Iterable<Tuple2<Long, Long>> group, io.eddy.api.functions.Collector<Tuple2<Long, Long>> out) {
                if (++groups == 50_000) {
                    throw new IllegalStateException("combiner broke");
                }
                group.forEach(out::collect);
            }
        };
        ExternalSorter<Tuple2<Long, Long>> sorter = sorter(LONG_PAIR, comparator, 8, failing, 4);
        RecordIterator<Tuple2<Long, Long>> input = BatchTestData.sortInput(1_000_000);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (Tuple2<Long, Long> r = input.next(null); r != null; r = input.next(null)) {
                sorter.add(r);
            }
        });
        assertEquals("combiner broke", e.getMessage());
        assertTrue(spillFilesLeft(io) > 0);
        sorter.close();
        assertEquals(0, spillFilesLeft(io));
    }

    @Test
    void aRecordLargerThanTheBudgetFailsNamingTheOption() throws Exception {
        TypeInfo<String> type = Types.STRING;
        try (ExternalSorter<String> sorter = sorter(type, Comparators.atomic(type, true), 3, null, 2)) {
            sorter.add("small");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sorter.add("x".repeat(200_000)));
            assertTrue(e.getMessage().contains("taskmanager.memory.managed.size"), e.getMessage());
        }
    }

    @Test
    void aSortDrawsItsPagesAsItFillsAndSpillsWithTheSmallestBudgetInExactOrder() throws Exception {
        var pages = memory.reserve(owner, 0, 3);
        try (ExternalSorter<Tuple2<Long, Long>> sorter = new ExternalSorter<>(LONG_PAIR.createSerializer(CONFIG),
                byKeyThenPayload(), pages, io, owner)) {
            // pairs of longs take at most 17 bytes: they live in their index entries, no record page is drawn
            assertEquals(1, pages.drawnPages(), "the spill buffer");
            long n = 20_000;
            for (long i = 0; i < n; i++) {
                sorter.add(new Tuple2<>(sm(5, i) % 1_000, i));
            }
            // two index pages hold a run: every page and some 12 runs
            assertEquals(3, pages.drawnPages());
            assertTrue(sorter.getSpilledRuns() > 10, "runs: " + sorter.getSpilledRuns());
            RecordIterator<Tuple2<Long, Long>> sorted = sorter.sorted();
            Tuple2<Long, Long> previous = null;
            long count = 0;
            for (Tuple2<Long, Long> t = sorted.next(null); t != null; t = sorted.next(null)) {
                if (previous != null) {
                    assertTrue(previous.f0 < t.f0 || (previous.f0.equals(t.f0) && previous.f1 < t.f1), previous + " before " + t);
                }
                previous = t;
                count++;
            }
            assertEquals(n, count);
        }
        pages.close();
        assertTrue(memory.isIdle());
        assertEquals(0, spillFilesLeft(io));
    }
}
