package io.eddy.api.dataset;

import io.eddy.api.datastream.DataStream;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.functions.Collector;
import io.eddy.api.functions.KeySelector;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.transformations.TwoInputTransformation;
import io.eddy.api.types.TypeInfo;

import java.util.Iterator;

/**
 * A co-group of two DataSets: {@code left.coGroup(right).where(...).equalTo(...).with(function)} hands
 * the function, for every key present on either side, the records of that key from both (one side
 * empty when the key is missing there). Both inputs are hash-partitioned on the key, sorted (spilling
 * beyond managed memory) and merged. A key is given by field positions, field names or a
 * {@link KeySelector}; an input keyed by a selector travels paired with its keys ({@link SelectorKey})
 * and the function gets its records unpaired.
 */
public final class CoGroup<L, R> {
    private final DataSet<L> left;
    private final DataSet<R> right;
    private KeyedInput leftKey;
    private KeyedInput rightKey;

    CoGroup(DataSet<L> left, DataSet<R> right) {
        this.left = left;
        this.right = right;
    }

    public CoGroup<L, R> where(int... positions) {
        leftKey = KeyedInput.byFields(left, KeyFields.of(positions));
        return this;
    }

    public CoGroup<L, R> where(String... fields) {
        leftKey = KeyedInput.byFields(left, KeyFields.of(fields));
        return this;
    }

    /** The left key as {@code selector} extracts it (a boolean, number, char, String or tuple of them). */
    public <K> CoGroup<L, R> where(KeySelector<L, K> selector) {
        leftKey = KeyedInput.bySelector(left, selector, "coGroup(...).where(keySelector)");
        return this;
    }

    public CoGroup<L, R> equalTo(int... positions) {
        rightKey = KeyedInput.byFields(right, KeyFields.of(positions));
        return this;
    }

    public CoGroup<L, R> equalTo(String... fields) {
        rightKey = KeyedInput.byFields(right, KeyFields.of(fields));
        return this;
    }

    /** The right key as {@code selector} extracts it, of the left key's type. */
    public <K> CoGroup<L, R> equalTo(KeySelector<R, K> selector) {
        rightKey = KeyedInput.bySelector(right, selector, "coGroup(...).equalTo(keySelector)");
        return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public <OUT> DataSet<OUT> with(CoGroupFunction<L, R, OUT> function) {
        if (leftKey == null || rightKey == null) {
            throw new IllegalStateException("A coGroup needs both keys: coGroup(other).where(...).equalTo(...).with(function)");
        }
        if (leftKey.keys().size() != rightKey.keys().size()) {
            throw new IllegalArgumentException("The coGroup keys differ in length: where" + leftKey.keys() + " has "
                    + leftKey.keys().size() + " fields, equalTo" + rightKey.keys() + " has " + rightKey.keys().size());
        }
        TypeInfo<OUT> type = DataSet.outputType(function, CoGroupFunction.class, left.getType(), right.getType());
        CoGroupFunction runs = leftKey.paired() || rightKey.paired()
                ? new Unpaired<>(function, leftKey.paired(), rightKey.paired()) : function;
        SolutionSetAccess solutionSet = SolutionSetAccess.of(leftKey, rightKey, "coGroup");
        if (solutionSet != null) {
            return new DataSet<>(left.environment, solutionSet.apply(left.environment, "SolutionSetCoGroup", type,
                    new Operation.SolutionSetCoGroup<>(runs, solutionSet.solutionSetFirst(), solutionSet.iterationId(),
                            solutionSet.input().getType(), solutionSet.inputKeys())));
        }
        DataSet<?> leftData = leftKey.data();
        DataSet<?> rightData = rightKey.data();
        TwoInputTransformation<?, ?, OUT> t = new TwoInputTransformation<>(
                leftData.hashPartitioned(leftKey.keys()).stream.getTransformation(),
                rightData.hashPartitioned(rightKey.keys()).stream.getTransformation(), "CoGroup",
                new Operation.SortMergeCoGroup<>(runs, null, null, leftData.getType(), rightData.getType(),
                        leftKey.keys(), rightKey.keys()),
                type, Transformation.DEFAULT_PARALLELISM);
        return new DataSet<>(left.environment, new DataStream<>(left.environment.streams(), t));
    }

    /** The program's co-group function behind inputs keyed by selectors, whose groups arrive paired with their keys. */
    private static final class Unpaired<L, R, OUT> extends DelegatingRichFunction implements CoGroupFunction<Object, Object, OUT> {
        private static final long serialVersionUID = 1L;

        private final boolean leftPaired;
        private final boolean rightPaired;

        Unpaired(CoGroupFunction<L, R, OUT> function, boolean leftPaired, boolean rightPaired) {
            super(function);
            this.leftPaired = leftPaired;
            this.rightPaired = rightPaired;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void coGroup(Iterable<Object> first, Iterable<Object> second, Collector<OUT> out) throws Exception {
            ((CoGroupFunction<L, R, OUT>) delegate).coGroup(leftPaired ? records(first) : (Iterable<L>) (Iterable<?>) first,
                    rightPaired ? records(second) : (Iterable<R>) (Iterable<?>) second, out);
        }

        /** The records of a group of pairs, as the pairs are iterated: no copy. */
        private static <T> Iterable<T> records(Iterable<Object> pairs) {
            return () -> {
                Iterator<Object> it = pairs.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public T next() {
                        return SelectorKey.recordOf(it.next());
                    }
                };
            };
        }
    }
}
