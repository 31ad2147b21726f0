package io.eddy.api.dataset;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.InvalidTypesException;
import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.Iterator;

/**
 * A DataSet grouped by a {@link KeySelector}: each record is paired with its key ({@code Tuple2(key,
 * record)}), the pairs are grouped on the key field as in {@link Grouping}, and the results are
 * unpaired. The key must be a boolean, number, char or String.
 */
public final class SelectorGrouping<T, K> {
    private final DataSet<T> input;
    private final DataSet<Tuple2<K, T>> keyed;

    SelectorGrouping(DataSet<T> input, KeySelector<T, K> selector, TypeInfo<K> keyType) {
        this.input = input;
        this.keyed = DataSet.apply(input, "Extract key", Types.TUPLE(keyType, input.getType()),
                new io.eddy.api.transformations.Operation.Map<>(new PairWithKey<>(selector)));
    }

    static <T, K> SelectorGrouping<T, K> of(DataSet<T> input, KeySelector<T, K> selector) {
        TypeInfo<K> keyType;
        try {
            keyType = TypeExtractor.getOutputType(selector, KeySelector.class, 1, input.getType());
        } catch (InvalidTypesException e) {
            throw new InvalidTypesException("Cannot determine the key type of groupBy(selector): " + e.getMessage()
                    + " Use groupBy(selector, keyType), e.g. groupBy(r -> r.name(), Types.STRING).", e);
        }
        return new SelectorGrouping<>(input, selector, keyType);
    }

    /** One record per key: the key's records combined pairwise by {@code reducer}. */
    public DataSet<T> reduce(ReduceFunction<T> reducer) {
        return DataSet.apply(keyed.groupBy(0).reduce(new ReduceValues<>(reducer)), "Drop key", input.getType(),
                new io.eddy.api.transformations.Operation.Map<>(new DropKey<K, T>()));
    }

    /** Hands all records of each key to {@code function}. */
    public <R> DataSet<R> reduceGroup(GroupReduceFunction<T, R> function) {
        DataSet<R> result = keyed.groupBy(0).reduceGroup(new ValuesOf<>(function));
        TypeInfo<R> type = DataSet.outputType(function, GroupReduceFunction.class, input.getType());
        return type == null ? result : result.returns(type);
    }

    private record PairWithKey<T, K>(KeySelector<T, K> selector) implements MapFunction<T, Tuple2<K, T>> {
        @Override
        public Tuple2<K, T> map(T value) throws Exception {
            return Tuple2.of(selector.getKey(value), value);
        }
    }

    private record DropKey<K, T>() implements MapFunction<Tuple2<K, T>, T> {
        @Override
        public T map(Tuple2<K, T> pair) {
            return pair.f1;
        }
    }

    private record ReduceValues<K, T>(ReduceFunction<T> reducer) implements ReduceFunction<Tuple2<K, T>> {
        @Override
        public Tuple2<K, T> reduce(Tuple2<K, T> first, Tuple2<K, T> second) throws Exception {
            first.f1 = reducer.reduce(first.f1, second.f1);
            return first;
        }
    }

    private record ValuesOf<K, T, R>(GroupReduceFunction<T, R> function) implements GroupReduceFunction<Tuple2<K, T>, R> {
        @Override
        public void reduce(Iterable<Tuple2<K, T>> pairs, Collector<R> out) throws Exception {
            function.reduce(() -> new Iterator<T>() {
                private final Iterator<Tuple2<K, T>> it = pairs.iterator();

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public T next() {
                    return it.next().f1;
                }
            }, out);
        }
    }
}
