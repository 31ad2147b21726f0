package io.eddy.runtime.operators.hash;

import io.eddy.api.memory.MemorySegment;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.TypeHint;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.comparators.Comparators;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.memory.MemoryManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.eddy.runtime.operators.BatchTestData.S_JOIN_R;
import static io.eddy.runtime.operators.BatchTestData.S_JOIN_S;
import static io.eddy.runtime.operators.BatchTestData.below;
import static io.eddy.runtime.operators.BatchTestData.mix64;
import static io.eddy.runtime.operators.BatchTestData.sm;
import static io.eddy.runtime.operators.BatchTestData.spillFilesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HybridHashJoinTest {
    private static final int PAGE = 32 * 1024;
    private static final SerializerConfig CONFIG = new SerializerConfig();
    private static final TypeInfo<Tuple2<Long, Long>> LONG_PAIR = new TypeHint<Tuple2<Long, Long>>() {}.getTypeInfo();
    private static final TypeSerializer<Tuple2<Long, Long>> SERIALIZER = LONG_PAIR.createSerializer(CONFIG);
    private static final TypeComparator<Tuple2<Long, Long>> BY_F0 =
            Comparators.fields(LONG_PAIR, CONFIG, new int[] {0}, new boolean[] {true});

    @TempDir
    Path tmp;

    private MemoryManager memory;
    private IOManager io;
    private final Object owner = "join-under-test";

    @BeforeEach
    void setUp() {
        memory = new MemoryManager(64L << 20, PAGE, 1, "test budget");
        io = new IOManager(List.of(tmp));
    }

    @AfterEach
    void tearDown() {
        io.shutdown();
    }

    private HybridHashJoin<Tuple2<Long, Long>, Tuple2<Long, Long>> join(int pages, HashJoinType type) {
        List<MemorySegment> segments = memory.allocatePages(owner, 0, pages);
        return new HybridHashJoin<>(SERIALIZER, BY_F0, SERIALIZER, BY_F0, segments, io, owner, type);
    }

    /** The join workload's checksum: count, sum of sval, sum of mix64(rpay ^ sval). */
    private static final class JoinChecksum {
        long count;
        long sum;
        long hash;

        void add(long rpay, long sval) {
            count++;
            sum += sval;
            hash += mix64(rpay ^ sval);
        }

        @Override
        public String toString() {
            return String.format("count:%d,sum:%016x,hash:%016x", count, sum, hash);
        }
    }

    @Test
    void joinWorkloadWithTheLargeSideAsBuildSideTenTimesMemoryMatchesTheReference() throws Exception {
        long n = 1_000_000;
        long m = n / 5;
        JoinChecksum checksum = new JoinChecksum();
        // build R: 1 M rows of ~45 bytes in memory (header included), about ten times the 4 MiB budget
        try (var join = join(128, HashJoinType.INNER)) {
            Tuple2<Long, Long> row = new Tuple2<>();
            for (long i = 0; i < n; i++) {
                row.f0 = below(sm(S_JOIN_R, i), m);
                row.f1 = i;
                join.addBuild(row);
            }
            join.endBuild();
            JoinedPairs<Tuple2<Long, Long>, Tuple2<Long, Long>> out = (r, s) -> checksum.add(r.f1, s.f1);
            for (long j = 0; j < m; j++) {
                row.f0 = j;
                row.f1 = sm(S_JOIN_S, j);
                join.probe(row, out);
            }
            join.endProbe(out);
            assertTrue(join.getSpilledPartitions() > 10, "spilled partitions: " + join.getSpilledPartitions());
        }
        assertEquals("count:1000000,sum:9112c30fccfd2c1c,hash:dd91757346830f92", checksum.toString());
        assertEquals(0, spillFilesLeft(io));
    }

    /**
     * A retained build side of 1 M rows, ten times the budget, so that most partitions are on disk:
     * three probe passes over one build give the reference checksum each, the table is built once, and
     * closing the join deletes the kept build files.
     */
    @Test
    void aRetainedBuildSideThatSpilledIsProbedAgainWithTheSameResult() throws Exception {
        long n = 1_000_000;
        long m = n / 5;
        try (var join = join(128, HashJoinType.INNER)) {
            assertTrue(join.retainBuildSide());
            Tuple2<Long, Long> row = new Tuple2<>();
            for (long i = 0; i < n; i++) {
                row.f0 = below(sm(S_JOIN_R, i), m);
                row.f1 = i;
                join.addBuild(row);
            }
            join.endBuild();
            for (int pass = 0; pass < 3; pass++) {
                if (pass > 0) {
                    join.rewindProbe();
                }
                JoinChecksum checksum = new JoinChecksum();
                JoinedPairs<Tuple2<Long, Long>, Tuple2<Long, Long>> out = (r, s) -> checksum.add(r.f1, s.f1);
                for (long j = 0; j < m; j++) {
                    row.f0 = j;
                    row.f1 = sm(S_JOIN_S, j);
                    join.probe(row, out);
                }
                join.endProbe(out);
                assertEquals("count:1000000,sum:9112c30fccfd2c1c,hash:dd91757346830f92", checksum.toString(), "pass " + pass);
            }
            assertTrue(join.getSpilledPartitions() > 10, "spilled partitions: " + join.getSpilledPartitions());
            assertEquals(1, join.getBuilds());
            assertTrue(spillFilesLeft(io) > 0, "the spilled partitions' build files are kept between passes");
        }
        assertEquals(0, spillFilesLeft(io));
    }

    @Test
    void aJoinProbesAgainOnlyWhenItRetainsItsBuildSide() throws Exception {
        try (var join = join(128, HashJoinType.INNER)) {
            join.endBuild();
            join.endProbe((b, p) -> {});
            assertThrows(IllegalStateException.class, join::rewindProbe);
        }
        try (var small = join(12, HashJoinType.INNER)) {
            assertEquals(false, small.retainBuildSide(), "too few pages to spare a part for the spilled partitions");
        }
    }

    @Test
    void joinWorkloadWithTheSmallSideAsBuildSideMatchesTheReference() throws Exception {
        long n = 1_000_000;
        long m = n / 5;
        JoinChecksum checksum = new JoinChecksum();
        try (var join = join(512, HashJoinType.INNER)) {
            Tuple2<Long, Long> row = new Tuple2<>();
            for (long j = 0; j < m; j++) {
                row.f0 = j;
                row.f1 = sm(S_JOIN_S, j);
                join.addBuild(row);
            }
            join.endBuild();
            JoinedPairs<Tuple2<Long, Long>, Tuple2<Long, Long>> out = (s, r) -> checksum.add(r.f1, s.f1);
            // in batches of 100 (more than one PROBE_BATCH each), the last one shorter
            @SuppressWarnings("unchecked")
            Tuple2<Long, Long>[] batch = new Tuple2[100];
            int batched = 0;
            for (long i = 0; i < n; i++) {
                batch[batched] = Tuple2.of(below(sm(S_JOIN_R, i), m), i);
                if (++batched == batch.length || i == n - 1) {
                    join.probe(batch, batched, out);
                    batched = 0;
                }
            }
            join.endProbe(out);
            assertEquals(0, join.getSpilledPartitions());
        }
        assertEquals("count:1000000,sum:9112c30fccfd2c1c,hash:dd91757346830f92", checksum.toString());
    }

    /** Joins with duplicates on both sides and keys on one side only, against a nested-map recomputation. */
    private void outerJoinMatchesPlainJava(HashJoinType type, int pages, boolean expectRecursion, boolean batches)
            throws Exception {
        SplittableRandom random = new SplittableRandom(type.ordinal());
        List<long[]> build = new ArrayList<>();
        List<long[]> probe = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            build.add(new long[] {random.nextLong(200_000), i});
        }
        for (int i = 0; i < 300_000; i++) {
            probe.add(new long[] {100_000 + random.nextLong(200_000), -i});
        }
        Map<Long, List<Long>> buildByKey = new HashMap<>();
        build.forEach(b -> buildByKey.computeIfAbsent(b[0], k -> new ArrayList<>()).add(b[1]));
        Map<Long, Integer> probeKeys = new HashMap<>();
        probe.forEach(p -> probeKeys.merge(p[0], 1, Integer::sum));
        // expected multiset of (build payload, probe payload) as a sum of hashes, and a count
        long expectedCount = 0;
        long expectedHash = 0;
        for (long[] p : probe) {
            List<Long> matches = buildByKey.get(p[0]);
            if (matches != null) {
                for (long b : matches) {
                    expectedCount++;
                    expectedHash += mix64(mix64(b) + p[1]);
                }
            } else if (type.emitsUnmatchedProbe) {
                expectedCount++;
                expectedHash += mix64(mix64(Long.MIN_VALUE) + p[1]);
            }
        }
        if (type.emitsUnmatchedBuild) {
            for (long[] b : build) {
                if (!probeKeys.containsKey(b[0])) {
                    expectedCount++;
                    expectedHash += mix64(mix64(b[1]) + Long.MIN_VALUE);
                }
            }
        }
        long[] actual = new long[2];
        try (var join = join(pages, type)) {
            Tuple2<Long, Long> row = new Tuple2<>();
            for (long[] b : build) {
                row.f0 = b[0];
                row.f1 = b[1];
                join.addBuild(row);
            }
            join.endBuild();
            JoinedPairs<Tuple2<Long, Long>, Tuple2<Long, Long>> out = (b, p) -> {
                if (b != null && p != null) {
                    assertEquals(b.f0, p.f0);
                }
                actual[0]++;
                actual[1] += mix64(mix64(b == null ? Long.MIN_VALUE : b.f1) + (p == null ? Long.MIN_VALUE : p.f1));
            };
            @SuppressWarnings("unchecked")
            Tuple2<Long, Long>[] batch = new Tuple2[batches ? 45 : 1];
            int batched = 0;
            for (long[] p : probe) {
                batch[batched++] = Tuple2.of(p[0], p[1]);
                if (batched == batch.length) {
                    if (batches) {
                        join.probe(batch, batched, out);
                    } else {
                        join.probe(batch[0], out);
                    }
                    batched = 0;
                }
            }
            join.probe(batch, batched, out);
            join.endProbe(out);
            if (expectRecursion) {
                assertTrue(join.getDeepestLevel() >= 1, "deepest level " + join.getDeepestLevel());
            }
        }
        assertEquals(expectedCount, actual[0]);
        assertEquals(expectedHash, actual[1]);
        assertEquals(0, spillFilesLeft(io));
    }

    @Test
    void fullOuterJoinSpillingRecursively() throws Exception {
        outerJoinMatchesPlainJava(HashJoinType.FULL_OUTER, 24, true, true);
    }

    @Test
    void buildOuterJoinSpilling() throws Exception {
        outerJoinMatchesPlainJava(HashJoinType.BUILD_OUTER, 64, true, false);
    }

    @Test
    void probeOuterJoinSpilling() throws Exception {
        outerJoinMatchesPlainJava(HashJoinType.PROBE_OUTER, 64, true, true);
    }

    @Test
    void innerJoinInMemory() throws Exception {
        outerJoinMatchesPlainJava(HashJoinType.INNER, 1024, false, true);
    }

    @Test
    void oneKeyWithMoreRecordsThanMemoryFailsClearlyAndLeavesNoFiles() throws Exception {
        var join = join(16, HashJoinType.INNER);
        Tuple2<Long, Long> row = new Tuple2<>();
        for (long i = 0; i < 100_000; i++) {
            row.f0 = 7L;
            row.f1 = i;
            join.addBuild(row);
        }
        join.endBuild();
        row.f0 = 7L;
        join.probe(row, (b, p) -> {});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> join.endProbe((b, p) -> {}));
        assertTrue(e.getMessage().contains("one key has more build records than memory holds"), e.getMessage());
        join.close();
        memory.releaseAll(owner);
        assertEquals(0, spillFilesLeft(io));
        assertTrue(memory.isIdle());
    }

    @Test
    void keysOfDifferentTypesAreRejected() {
        TypeInfo<Tuple2<String, Long>> other = new TypeHint<Tuple2<String, Long>>() {}.getTypeInfo();
        TypeComparator<Tuple2<String, Long>> byString = Comparators.fields(other, CONFIG, new int[] {0}, new boolean[] {true});
        List<MemorySegment> segments = memory.allocatePages(owner, 0, 16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HybridHashJoin<>(
                SERIALIZER, BY_F0, other.createSerializer(CONFIG), byString, segments, io, owner, HashJoinType.INNER));
        assertTrue(e.getMessage().contains("cannot be matched"), e.getMessage());
    }
}
