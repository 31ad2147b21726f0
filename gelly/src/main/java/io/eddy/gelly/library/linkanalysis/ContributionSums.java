package io.eddy.gelly.library.linkanalysis;

import io.eddy.api.functions.Collector;
import io.eddy.api.tuple.Tuple2;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Sums of doubles per vertex id, filled by one subtask while it walks its partition of a graph's
 * adjacency lists and then emitted once per distinct id: the partition's pre-aggregated contributions,
 * so that one record per (subtask, receiving vertex) leaves the subtask instead of one per edge.
 * {@link #forKeys} picks an open-addressing table of primitive longs for {@code Long} ids (no allocation
 * per add) and a hash map otherwise. Owned by one subtask thread for one superstep.
 */
abstract class ContributionSums<K> {
    abstract void add(K id, double value);

    /** Emits {@code (id, sum)} for every id added since the last emit, then forgets them. */
    abstract void emitAndClear(Collector<Tuple2<K, Double>> out);

    @SuppressWarnings("unchecked")
    static <K> ContributionSums<K> forKeys(Class<K> keyClass) {
        return keyClass == Long.class ? (ContributionSums<K>) new LongKeys() : new AnyKeys<>();
    }

    /** Linear probing over parallel arrays; grows at half load; a slot is in use while its flag is set. */
    static final class LongKeys extends ContributionSums<Long> {
        private long[] keys = new long[1 << 12];
        private double[] sums = new double[1 << 12];
        private boolean[] used = new boolean[1 << 12];
        private int size;

        @Override
        void add(Long id, double value) {
            add(id.longValue(), value);
        }

        void add(long id, double value) {
            int mask = keys.length - 1;
            int slot = slot(id, mask);
            while (used[slot]) {
                if (keys[slot] == id) {
                    sums[slot] += value;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            used[slot] = true;
            keys[slot] = id;
            sums[slot] = value;
            if (++size * 2 > keys.length) {
                grow();
            }
        }

        private static int slot(long id, int mask) {
            long h = id * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        private void grow() {
            long[] oldKeys = keys;
            double[] oldSums = sums;
            boolean[] oldUsed = used;
            keys = new long[oldKeys.length * 2];
            sums = new double[oldKeys.length * 2];
            used = new boolean[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    int slot = slot(oldKeys[i], mask);
                    while (used[slot]) {
                        slot = (slot + 1) & mask;
                    }
                    used[slot] = true;
                    keys[slot] = oldKeys[i];
                    sums[slot] = oldSums[i];
                }
            }
        }

        @Override
        void emitAndClear(Collector<Tuple2<Long, Double>> out) {
            for (int i = 0; i < keys.length; i++) {
                if (used[i]) {
                    out.collect(Tuple2.of(keys[i], sums[i]));
                }
            }
            Arrays.fill(used, false);
            size = 0;
        }
    }

    static final class AnyKeys<K> extends ContributionSums<K> {
        private final Map<K, double[]> sums = new HashMap<>();

        @Override
        void add(K id, double value) {
            sums.computeIfAbsent(id, k -> new double[1])[0] += value;
        }

        @Override
        void emitAndClear(Collector<Tuple2<K, Double>> out) {
            sums.forEach((id, sum) -> out.collect(Tuple2.of(id, sum[0])));
            sums.clear();
        }
    }
}
