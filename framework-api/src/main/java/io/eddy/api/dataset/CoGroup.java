package io.eddy.api.dataset;

import io.eddy.api.datastream.DataStream;
import io.eddy.api.functions.CoGroupFunction;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.transformations.TwoInputTransformation;
import io.eddy.api.types.TypeInfo;

/**
 * A co-group of two DataSets: {@code left.coGroup(right).where(...).equalTo(...).with(function)} hands
 * the function, for every key present on either side, the records of that key from both (one side
 * empty when the key is missing there). Both inputs are hash-partitioned on the key, sorted (spilling
 * beyond managed memory) and merged.
 */
public final class CoGroup<L, R> {
    private final DataSet<L> left;
    private final DataSet<R> right;
    private KeyFields leftKeys;
    private KeyFields rightKeys;

    CoGroup(DataSet<L> left, DataSet<R> right) {
        this.left = left;
        this.right = right;
    }

    public CoGroup<L, R> where(int... positions) {
        leftKeys = KeyFields.of(positions);
        return this;
    }

    public CoGroup<L, R> where(String... fields) {
        leftKeys = KeyFields.of(fields);
        return this;
    }

    public CoGroup<L, R> equalTo(int... positions) {
        rightKeys = KeyFields.of(positions);
        return this;
    }

    public CoGroup<L, R> equalTo(String... fields) {
        rightKeys = KeyFields.of(fields);
        return this;
    }

    public <OUT> DataSet<OUT> with(CoGroupFunction<L, R, OUT> function) {
        if (leftKeys == null || rightKeys == null) {
            throw new IllegalStateException("A coGroup needs both keys: coGroup(other).where(...).equalTo(...).with(function)");
        }
        if (leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("The coGroup keys differ in length: where" + leftKeys + " and equalTo" + rightKeys);
        }
        TypeInfo<OUT> type = DataSet.outputType(function, CoGroupFunction.class, left.getType(), right.getType());
        SolutionSetAccess solutionSet = SolutionSetAccess.of(KeyedInput.byFields(left, leftKeys), KeyedInput.byFields(right, rightKeys), "coGroup");
        if (solutionSet != null) {
            return new DataSet<>(left.environment, solutionSet.apply(left.environment, "SolutionSetCoGroup", type,
                    new Operation.SolutionSetCoGroup<>(function, solutionSet.solutionSetFirst(), solutionSet.iterationId(),
                            solutionSet.input().getType(), solutionSet.inputKeys())));
        }
        TwoInputTransformation<L, R, OUT> t = new TwoInputTransformation<>(
                left.hashPartitioned(leftKeys).stream.getTransformation(),
                right.hashPartitioned(rightKeys).stream.getTransformation(), "CoGroup",
                new Operation.SortMergeCoGroup<>(function, null, null, left.getType(), right.getType(), leftKeys, rightKeys),
                type, Transformation.DEFAULT_PARALLELISM);
        return new DataSet<>(left.environment, new DataStream<>(left.environment.streams(), t));
    }
}
