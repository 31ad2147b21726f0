package io.eddy.api.dataset;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.MapFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.transformations.Operation;
import io.eddy.api.tuple.Tuple;
import io.eddy.api.tuple.Tuple2;
import io.eddy.api.tuple.Tuple3;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.Iterator;

/**
 * A DataSet grouped by a {@link KeySelector}: each record is paired with its key ({@link SelectorKey}),
 * the pairs are grouped on the key field as in {@link Grouping}, and the results are unpaired. With a
 * group order given by a selector too ({@link #sortGroup}), each record travels as
 * {@code Tuple3(key, sort key, record)}, grouped on field 0 and ordered by field 1.
 */
public final class SelectorGrouping<T, K> {
    private final DataSet<T> input;
    private final SelectorKey<T, K> key;
    /** The order inside each group, null for none. */
    private final SelectorKey<T, ?> sortKey;
    private final Order order;

    private SelectorGrouping(DataSet<T> input, SelectorKey<T, K> key, SelectorKey<T, ?> sortKey, Order order) {
        this.input = input;
        this.key = key;
        this.sortKey = sortKey;
        this.order = order;
    }

    static <T, K> SelectorGrouping<T, K> of(DataSet<T> input, KeySelector<T, K> selector) {
        return new SelectorGrouping<>(input, SelectorKey.of(selector, input.getType(), "groupBy(selector)"), null, null);
    }

    /**
     * Orders each group's records by the key {@code selector} extracts (a boolean, number, char, String
     * or tuple of them) for {@link #reduceGroup}, {@link #combineGroup} and {@link #first}.
     */
    public <S> SelectorGrouping<T, K> sortGroup(KeySelector<T, S> selector, Order direction) {
        if (sortKey != null) {
            throw new IllegalStateException("A grouping by a KeySelector takes one sortGroup selector: return a tuple "
                    + "from it to order by several fields");
        }
        if (direction == null) {
            throw new IllegalArgumentException("sortGroup got a null Order: give Order.ASCENDING or Order.DESCENDING");
        }
        return new SelectorGrouping<>(input, key, SelectorKey.of(selector, input.getType(), "sortGroup(selector, order)"),
                direction);
    }

    /** One record per key: the key's records combined pairwise by {@code reducer}. */
    public DataSet<T> reduce(ReduceFunction<T> reducer) {
        if (sortKey != null) {
            throw new IllegalStateException("A reduce combines records in no particular order; sortGroup applies to reduceGroup");
        }
        return SelectorKey.unpair(key.pair(input).groupBy(0).reduce(new ReduceValues<>(reducer)), input.getType());
    }

    /** Hands all records of each key (in the {@link #sortGroup} order, if any) to {@code function}. */
    public <R> DataSet<R> reduceGroup(GroupReduceFunction<T, R> function) {
        return typed(grouped().reduceGroup(new ValuesOf<>(function)), function);
    }

    /**
     * Combines each key's records of every parallel subtask locally, before (and without) a shuffle: the
     * partial results still need a grouped reduce to be complete per key.
     */
    public <R> DataSet<R> combineGroup(GroupReduceFunction<T, R> function) {
        return typed(grouped().combineGroup(new ValuesOf<>(function)), function);
    }

    /** The first {@code n} records of each key (in the {@link #sortGroup} order, if any). */
    public DataSet<T> first(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("first(n) needs n >= 1, not " + n);
        }
        return reduceGroup(new Grouping.FirstN<>(n)).returns(input.getType());
    }

    /** The records with their keys, grouped on field 0, ordered by field 1 when a group order is given. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Grouping<Tuple> grouped() {
        if (sortKey == null) {
            return (Grouping) key.pair(input).groupBy(0);
        }
        TypeInfo<Tuple3<K, Object, T>> type = Types.TUPLE(key.keyType(), sortKey.keyType(), input.getType());
        DataSet<Tuple3<K, Object, T>> triples = DataSet.apply(input, "Extract keys", type,
                new Operation.Map<>(new WithKeys<>(key.selector(), (KeySelector<T, Object>) sortKey.selector())));
        return (Grouping) triples.groupBy(0).sortGroup(1, order);
    }

    private <R> DataSet<R> typed(DataSet<R> result, GroupReduceFunction<T, R> function) {
        TypeInfo<R> type = DataSet.outputType(function, GroupReduceFunction.class, input.getType());
        return type == null ? result : result.returns(type);
    }

    private record WithKeys<T, K, S>(KeySelector<T, K> key, KeySelector<T, S> sortKey) implements MapFunction<T, Tuple3<K, S, T>> {
        @Override
        public Tuple3<K, S, T> map(T value) throws Exception {
            return Tuple3.of(key.getKey(value), sortKey.getKey(value), value);
        }
    }

    /** The program's reduce function on the records of pairs. */
    private static final class ReduceValues<K, T> extends DelegatingRichFunction implements ReduceFunction<Tuple2<K, T>> {
        private static final long serialVersionUID = 1L;

        ReduceValues(ReduceFunction<T> reducer) {
            super(reducer);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Tuple2<K, T> reduce(Tuple2<K, T> first, Tuple2<K, T> second) throws Exception {
            first.f1 = ((ReduceFunction<T>) delegate).reduce(first.f1, second.f1);
            return first;
        }
    }

    /** The program's group function on the records of pairs or triples, whose last field is the record. */
    private static final class ValuesOf<T, R> extends DelegatingRichFunction implements GroupReduceFunction<Tuple, R> {
        private static final long serialVersionUID = 1L;

        ValuesOf(GroupReduceFunction<T, R> function) {
            super(function);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void reduce(Iterable<Tuple> keyed, Collector<R> out) throws Exception {
            ((GroupReduceFunction<T, R>) delegate).reduce(() -> new Iterator<T>() {
                private final Iterator<Tuple> it = keyed.iterator();

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public T next() {
                    Tuple t = it.next();
                    return (T) t.getField(t.getArity() - 1);
                }
            }, out);
        }
    }
}
