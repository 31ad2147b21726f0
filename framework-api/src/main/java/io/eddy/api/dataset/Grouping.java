package io.eddy.api.dataset;

import io.eddy.api.functions.FieldAggregator;
import io.eddy.api.functions.GroupReduceFunction;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.Operation;
import io.eddy.api.types.TypeInfo;

/**
 * A DataSet grouped on key fields, optionally with an order inside each group ({@link #sortGroup}).
 * Its reductions run in two steps: a combiner reduces each subtask's records per key before the
 * shuffle, then the records are hash-partitioned on the key and a sort-based reduce (an external sort,
 * spilling beyond managed memory) emits one result per key. The optimizer picks the combiner (a hash
 * table, a streaming combine of sorted input, or none where no shuffle follows) unless
 * {@link Reduced#setCombineHint} says, and streams over the groups without a sort where the input
 * arrives sorted by the key.
 *
 * <p>{@code keys} null means the whole record is the key ({@code distinct}).
 */
public final class Grouping<T> {
    private final DataSet<T> input;
    private final KeyFields keys;
    private KeyFields order;
    private boolean[] ascending;

    Grouping(DataSet<T> input, KeyFields keys) {
        this.input = input;
        this.keys = keys;
    }

    /** Orders each group's records by {@code position} for {@link #reduceGroup}; call again for more fields. */
    public Grouping<T> sortGroup(int position, Order direction) {
        return addOrder(KeyFields.of(position), direction);
    }

    public Grouping<T> sortGroup(String field, Order direction) {
        return addOrder(KeyFields.of(field), direction);
    }

    private Grouping<T> addOrder(KeyFields field, Order direction) {
        if (keys == null) {
            throw new IllegalStateException("sortGroup needs key fields: use groupBy(positions or fields) first");
        }
        order = order == null ? field : order.then(field);
        ascending = ascending == null ? new boolean[1] : java.util.Arrays.copyOf(ascending, ascending.length + 1);
        ascending[ascending.length - 1] = direction == Order.ASCENDING;
        return this;
    }

    /**
     * One record per key: the records of the key combined pairwise by {@code reducer}, which must keep the
     * key fields as they are (the result stays partitioned by the key, so a later grouping or join on it
     * needs no shuffle).
     */
    public Reduced<T> reduce(ReduceFunction<T> reducer) {
        if (order != null) {
            throw new IllegalStateException("A reduce combines records in no particular order; sortGroup applies to reduceGroup");
        }
        return new Reduced<>(this, reducer, CombineHint.OPTIMIZER_CHOOSES);
    }

    /**
     * A grouped reduce or aggregation: a combiner before the shuffle, then the reduce. How it combines is
     * the optimizer's choice unless {@link #setCombineHint} says.
     */
    public static final class Reduced<T> extends DataSet<T> {
        private final Grouping<T> grouping;
        private final ReduceFunction<T> reducer;

        private Reduced(Grouping<T> grouping, ReduceFunction<T> reducer, CombineHint hint) {
            super(grouping.input.environment, build(grouping, reducer, hint));
            this.grouping = grouping;
            this.reducer = reducer;
        }

        private static <T> io.eddy.api.datastream.DataStream<T> build(Grouping<T> grouping, ReduceFunction<T> reducer,
                CombineHint hint) {
            if (hint == null) {
                throw new IllegalArgumentException("setCombineHint got null: give a CombineHint, e.g. CombineHint.OPTIMIZER_CHOOSES");
            }
            TypeInfo<T> type = grouping.input.getType();
            DataSet<T> combined = DataSet.apply(grouping.input, "Combine", type,
                    new Operation.Combine<>(reducer, type, grouping.keys, hint.strategy));
            return DataSet.apply(grouping.shuffled(combined), "Reduce", type,
                    new Operation.SortReduce<>(reducer, type, grouping.keys)).stream;
        }

        /** This reduce combining as {@code hint} says (see {@link CombineHint}); the result is the same. */
        public DataSet<T> setCombineHint(CombineHint hint) {
            return new Reduced<>(grouping, reducer, hint);
        }
    }

    /** Sum of field {@code position} per key; the other fields are those of one record of the key. */
    public Reduced<T> sum(int position) {
        return aggregate(Aggregations.SUM, position);
    }

    public Reduced<T> min(int position) {
        return aggregate(Aggregations.MIN, position);
    }

    public Reduced<T> max(int position) {
        return aggregate(Aggregations.MAX, position);
    }

    /** Sum of the field named {@code field} (of a POJO or record, or {@code "f1"} of a tuple) per key. */
    public Reduced<T> sum(String field) {
        return aggregate(Aggregations.SUM, field);
    }

    public Reduced<T> min(String field) {
        return aggregate(Aggregations.MIN, field);
    }

    public Reduced<T> max(String field) {
        return aggregate(Aggregations.MAX, field);
    }

    public Reduced<T> aggregate(Aggregations aggregation, int position) {
        TypeInfo<T> type = input.getType();
        return reduce(FieldAggregator.at(aggregation.kind, type, position,
                type.createSerializer(input.environment.streams().getConfig().getSerializerConfig())));
    }

    public Reduced<T> aggregate(Aggregations aggregation, String field) {
        TypeInfo<T> type = input.getType();
        return reduce(FieldAggregator.named(aggregation.kind, type, field,
                type.createSerializer(input.environment.streams().getConfig().getSerializerConfig())));
    }

    /** Hands all records of each key (in the {@link #sortGroup} order, if any) to {@code function}. */
    public <R> DataSet<R> reduceGroup(GroupReduceFunction<T, R> function) {
        TypeInfo<T> type = input.getType();
        return DataSet.apply(shuffled(input), "GroupReduce", DataSet.outputType(function, GroupReduceFunction.class, type),
                new Operation.SortGroupReduce<>(function, type, keys, order, ascending));
    }

    /**
     * Combines each key's records of every parallel subtask locally, before (and without) a shuffle: the
     * partial results still need a {@code groupBy(...).reduceGroup(...)} to be complete per key.
     */
    public <R> DataSet<R> combineGroup(GroupReduceFunction<T, R> function) {
        TypeInfo<T> type = input.getType();
        return DataSet.apply(input, "CombineGroup", DataSet.outputType(function, GroupReduceFunction.class, type),
                new Operation.SortGroupReduce<>(function, type, keys, order, ascending));
    }

    /** The first {@code n} records of each key (in the {@link #sortGroup} order, if any). */
    public DataSet<T> first(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("first(n) needs n >= 1, not " + n);
        }
        return reduceGroup(new FirstN<>(n)).returns(input.getType());
    }

    private DataSet<T> shuffled(DataSet<T> data) {
        return data.hashPartitioned(keys);
    }

    record FirstN<T>(int n) implements GroupReduceFunction<T, T> {
        @Override
        public void reduce(Iterable<T> values, io.eddy.api.functions.Collector<T> out) {
            int left = n;
            for (T value : values) {
                if (left-- == 0) {
                    return;
                }
                out.collect(value);
            }
        }
    }
}
