package io.eddy.ml.optimization;

import io.eddy.api.dataset.DataSet;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

/**
 * The initial partial solution of an iteration, computed from the same source the step function reads,
 * passed through a shuffle: the runtime's iteration head, chained behind that source's operators,
 * never starts its supersteps, so the shuffle keeps it out of that chain.
 */
public final class IterationInput {
    private IterationInput() {}

    public static <T> DataSet<T> detached(DataSet<T> initial, TypeInfo<T> type) {
        return initial.map(new KeyZero<T>()).returns(Types.TUPLE(Types.INT, type)).partitionByHash(0)
                .map(new DropKey<T>()).returns(type);
    }

    private static final class KeyZero<T> implements MapFunction<T, Tuple2<Integer, T>> {
        @Override
        public Tuple2<Integer, T> map(T value) {
            return Tuple2.of(0, value);
        }
    }

    private static final class DropKey<T> implements MapFunction<Tuple2<Integer, T>, T> {
        @Override
        public T map(Tuple2<Integer, T> pair) {
            return pair.f1;
        }
    }
}
