package io.eddy.runtime.operators;

import io.eddy.api.tuple.Tuple2;
import io.eddy.runtime.io.IOManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Inputs of the batch runtime tests: the generators of /work/shared/benchmarks/WORKLOADS.md, and spill checks. */
public final class BatchTestData {
    private BatchTestData() {}

    public static final long GAMMA = 0x9E3779B97F4A7C15L;
    public static final long S_SORT = 2;
    public static final long S_JOIN_R = 3;
    public static final long S_JOIN_S = 4;

    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Output i of SplitMix64 seeded with {@code seed}. */
    public static long sm(long seed, long i) {
        return mix64(seed + (i + 1) * GAMMA);
    }

    public static long below(long x, long m) {
        return ((x >>> 32) * m) >>> 32;
    }

    /** Record i of the sort workload: (key, payload). */
    public static Tuple2<Long, Long> sortRecord(long i) {
        return Tuple2.of(sm(S_SORT, i), i);
    }

    /** The records of the sort workload, generated on the fly. */
    public static RecordIterator<Tuple2<Long, Long>> sortInput(long n) {
        return new RecordIterator<>() {
            private long i;

            @Override
            public Tuple2<Long, Long> next(Tuple2<Long, Long> reuse) {
                return i < n ? sortRecord(i++) : null;
            }
        };
    }

    /** The sort workload's checksum over records in their output order. */
    public static final class SortChecksum {
        private long count;
        private long posHash;
        private long unsorted;
        private long ties;
        private long lastKey;
        private long lastPayload;

        public void add(long key, long payload) {
            if (count > 0) {
                if (key < lastKey || (key == lastKey && payload < lastPayload)) {
                    unsorted++;
                }
                if (key == lastKey) {
                    ties++;
                }
            }
            count++;
            posHash += count * mix64(key ^ mix64(payload));
            lastKey = key;
            lastPayload = payload;
        }

        @Override
        public String toString() {
            return String.format("count:%d,ties:%d,unsorted:%d,pos_hash:%016x", count, ties, unsorted, posHash);
        }
    }

    /** Every regular file left under the I/O manager's spill directories. */
    public static long spillFilesLeft(IOManager ioManager) {
        long files = 0;
        for (Path dir : ioManager.getSpillDirectories()) {
            try (Stream<Path> s = Files.walk(dir)) {
                files += s.filter(Files::isRegularFile).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
