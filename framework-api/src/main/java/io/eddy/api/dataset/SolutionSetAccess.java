package io.eddy.api.dataset;

import io.eddy.api.datastream.DataStream;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.transformations.OneInputTransformation;
import io.eddy.api.transformations.Operation;
import io.eddy.api.transformations.SolutionSetTransformation;
import io.eddy.api.transformations.Transformation;
import io.eddy.api.types.TypeInfo;

import java.util.Arrays;

/**
 * A join or co-group of which one side is the solution set of a delta iteration: it becomes a
 * one-input operation on the other side, partitioned like the solution set, that looks records up
 * in the subtask's part of the solution set.
 */
record SolutionSetAccess(DataSet<?> input, KeyFields inputKeys, boolean solutionSetFirst, int iterationId) {

    /** The access when {@code left} or {@code right} is a solution set; null when neither is. */
    static SolutionSetAccess of(DataSet<?> left, KeyFields leftKeys, DataSet<?> right, KeyFields rightKeys, String what) {
        boolean leftIsSet = left.stream.getTransformation() instanceof SolutionSetTransformation<?>;
        boolean rightIsSet = right.stream.getTransformation() instanceof SolutionSetTransformation<?>;
        if (!leftIsSet && !rightIsSet) {
            return null;
        }
        if (leftIsSet && rightIsSet) {
            throw new IllegalArgumentException("A " + what + " of the solution set with itself is not supported: "
                    + "join the workset or another data set with it.");
        }
        SolutionSetTransformation<?> set = (SolutionSetTransformation<?>) (leftIsSet ? left : right).stream.getTransformation();
        KeyFields setKeys = leftIsSet ? leftKeys : rightKeys;
        KeyFields iterationKeys = set.getIteration().getSolutionSetKeys();
        if (!Arrays.equals(setKeys.positions(), iterationKeys.positions()) || !Arrays.equals(setKeys.names(), iterationKeys.names())) {
            throw new IllegalArgumentException("The solution set is keyed by fields " + iterationKeys + ", but this " + what
                    + " uses its fields " + setKeys + ": a " + what + " with the solution set must use its key, "
                    + (leftIsSet ? "where" : "equalTo") + iterationKeys.toString().replace('[', '(').replace(']', ')') + ".");
        }
        DataSet<?> input = leftIsSet ? right : left;
        KeyFields inputKeys = leftIsSet ? rightKeys : leftKeys;
        return new SolutionSetAccess(input, inputKeys, leftIsSet, set.getIteration().getId());
    }

    /**
     * The operation on the input, hash-partitioned by its key like the solution set; it runs with the
     * iteration's parallelism, as the whole step function does.
     */
    <OUT> DataStream<OUT> apply(ExecutionEnvironment environment, String name, TypeInfo<OUT> type, Operation operation) {
        OneInputTransformation<?, OUT> t = new OneInputTransformation<>(input.hashPartitioned(inputKeys).stream.getTransformation(),
                name, operation, type, Transformation.DEFAULT_PARALLELISM);
        return new DataStream<>(environment.streams(), t);
    }
}
