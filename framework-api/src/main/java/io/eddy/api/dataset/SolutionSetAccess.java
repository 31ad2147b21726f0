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
    static SolutionSetAccess of(KeyedInput left, KeyedInput right, String what) {
        boolean leftIsSet = left.data().stream.getTransformation() instanceof SolutionSetTransformation<?>;
        boolean rightIsSet = right.data().stream.getTransformation() instanceof SolutionSetTransformation<?>;
        if (!leftIsSet && !rightIsSet) {
            return null;
        }
        if (leftIsSet && rightIsSet) {
            throw new IllegalArgumentException("A " + what + " of the solution set with itself is not supported: "
                    + "join the workset or another data set with it.");
        }
        KeyedInput setSide = leftIsSet ? left : right;
        SolutionSetTransformation<?> set = (SolutionSetTransformation<?>) setSide.data().stream.getTransformation();
        checkKey(set, setSide, leftIsSet ? "where" : "equalTo", what);
        KeyedInput input = leftIsSet ? right : left;
        return new SolutionSetAccess(input.data(), input.keys(), leftIsSet, set.getIteration().getId());
    }

    /** The solution set is looked up by the iteration's key: the program must name that key on its side. */
    private static void checkKey(SolutionSetTransformation<?> set, KeyedInput setSide, String call, String what) {
        TypeInfo<?> selectorKeyType = set.getSelectorKeyType();
        if (selectorKeyType != null) {
            if (!setSide.paired()) {
                throw new IllegalArgumentException("The solution set is keyed by a KeySelector of " + selectorKeyType
                        + " (iterateDelta(workset, maxIterations, keySelector)), but this " + what + " uses its fields "
                        + setSide.keys() + ": name the solution set's key with a KeySelector, " + call
                        + "(keySelector), the one given to iterateDelta.");
            }
            if (!selectorKeyType.equals(setSide.selectorKeyType())) {
                throw new IllegalArgumentException("The solution set is keyed by a KeySelector of " + selectorKeyType
                        + ", but this " + what + " names its key with a KeySelector of " + setSide.selectorKeyType()
                        + ": use the iteration's key selector, whose key the solution set is looked up by.");
            }
            return;
        }
        KeyFields iterationKeys = set.getIteration().getSolutionSetKeys();
        KeyFields setKeys = setSide.keys();
        if (setSide.paired() || !Arrays.equals(setKeys.positions(), iterationKeys.positions())
                || !Arrays.equals(setKeys.names(), iterationKeys.names())) {
            throw new IllegalArgumentException("The solution set is keyed by fields " + iterationKeys + ", but this " + what
                    + (setSide.paired() ? " names its key with a KeySelector" : " uses its fields " + setKeys) + ": a "
                    + what + " with the solution set must use its key, "
                    + call + iterationKeys.toString().replace('[', '(').replace(']', ')') + ".");
        }
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
