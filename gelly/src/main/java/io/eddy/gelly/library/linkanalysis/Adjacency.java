package io.eddy.gelly.library.linkanalysis;

import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.io.Serializable;
import java.util.List;

/**
 * How a vertex's out-neighbours travel in the state of an iteration, as a value of type {@code A}:
 * {@code long[]} for {@code Long} ids (serialized as one array, no object per neighbour), a list of ids
 * otherwise ({@link #forKeys}).
 */
interface Adjacency<K, A> extends Serializable {
    TypeInfo<A> type(TypeInfo<K> keyType);

    A of(List<K> targets);

    int degree(A adjacency);

    /** Adds {@code share} to the sum of every neighbour in {@code adjacency}. */
    void spread(A adjacency, double share, ContributionSums<K> sums);

    @SuppressWarnings("unchecked")
    static <K> Adjacency<K, ?> forKeys(TypeInfo<K> keyType) {
        return keyType.getTypeClass() == Long.class ? (Adjacency<K, ?>) new LongArray() : new IdList<K>();
    }

    record LongArray() implements Adjacency<Long, long[]> {
        @Override
        public TypeInfo<long[]> type(TypeInfo<Long> keyType) {
            return Types.LONG_ARRAY;
        }

        @Override
        public long[] of(List<Long> targets) {
            long[] array = new long[targets.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = targets.get(i);
            }
            return array;
        }

        @Override
        public int degree(long[] adjacency) {
            return adjacency.length;
        }

        @Override
        public void spread(long[] adjacency, double share, ContributionSums<Long> sums) {
            ContributionSums.LongKeys longSums = (ContributionSums.LongKeys) sums;
            for (long target : adjacency) {
                longSums.add(target, share);
            }
        }
    }

    record IdList<K>() implements Adjacency<K, List<K>> {
        @Override
        public TypeInfo<List<K>> type(TypeInfo<K> keyType) {
            return Types.LIST(keyType);
        }

        @Override
        public List<K> of(List<K> targets) {
            return targets;
        }

        @Override
        public int degree(List<K> adjacency) {
            return adjacency.size();
        }

        @Override
        public void spread(List<K> adjacency, double share, ContributionSums<K> sums) {
            for (K target : adjacency) {
                sums.add(target, share);
            }
        }
    }
}
