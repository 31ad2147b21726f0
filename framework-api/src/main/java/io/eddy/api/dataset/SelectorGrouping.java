package io.eddy.api.dataset;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.types.TypeInfo;

import java.util.Iterator;

/**
 * A DataSet grouped by a {@link KeySelector}: each record is paired with its key ({@link SelectorKey}),
 * the pairs are grouped on the key field as in {@link Grouping}, and the results are unpaired.
 */
public final class SelectorGrouping<T, K> {
    private final DataSet<T> input;
    private final DataSet<Tuple2<K, T>> keyed;

    private SelectorGrouping(DataSet<T> input, SelectorKey<T, K> key) {
        this.input = input;
        this.keyed = key.pair(input);
    }

    static <T, K> SelectorGrouping<T, K> of(DataSet<T> input, KeySelector<T, K> selector) {
        return new SelectorGrouping<>(input, SelectorKey.of(selector, input.getType(), "groupBy(selector)"));
    }

    /** One record per key: the key's records combined pairwise by {@code reducer}. */
    public DataSet<T> reduce(ReduceFunction<T> reducer) {
        return SelectorKey.unpair(keyed.groupBy(0).reduce(new ReduceValues<>(reducer)), input.getType());
    }

    /** Hands all records of each key to {@code function}. */
    public <R> DataSet<R> reduceGroup(GroupReduceFunction<T, R> function) {
        DataSet<R> result = keyed.groupBy(0).reduceGroup(new ValuesOf<>(function));
        TypeInfo<R> type = DataSet.outputType(function, GroupReduceFunction.class, input.getType());
        return type == null ? result : result.returns(type);
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
