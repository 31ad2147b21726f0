package io.eddy.ml.optimization;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * Brings all records of a data set to one subtask inside an iteration's step function, where every
 * operator runs with the iteration's parallelism: each record is keyed 0, so {@code groupBy(0)}
 * makes one group. Used for the few per-partition partial results (sums, gradients) that one task
 * combines into the next model.
 */
public final class OneGroup {
    private OneGroup() {}

    public static <T> DataSet<Tuple2<Integer, T>> keyed(DataSet<T> data, TypeInfo<T> type) {
        return data.map(new KeyZero<T>()).returns(Types.TUPLE(Types.INT, type));
    }

    private static final class KeyZero<T> implements MapFunction<T, Tuple2<Integer, T>> {
        @Override
        public Tuple2<Integer, T> map(T value) {
            return Tuple2.of(0, value);
        }
    }

    /** The element-wise sum of the arrays of one group. */
    public static double[] sum(Iterable<Tuple2<Integer, double[]>> group) {
        double[] total = null;
        for (Tuple2<Integer, double[]> t : group) {
            if (total == null) {
                total = t.f1.clone();
            } else {
                for (int i = 0; i < total.length; i++) {
                    total[i] += t.f1[i];
                }
            }
        }
        return total;
    }
}
