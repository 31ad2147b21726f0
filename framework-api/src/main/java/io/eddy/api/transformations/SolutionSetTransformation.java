package io.eddy.api.transformations;

import io.eddy.api.types.TypeInfo;

import java.util.List;

/**
 * Not an operator: the solution set of a delta iteration as its step function sees it. It is kept by
 * the iteration itself (a hash table by key per subtask), so it is not an input of anything; an
 * operation that joins or co-groups with it ({@link Operation.SolutionSetJoin},
 * {@link Operation.SolutionSetCoGroup}) looks records up in it by key.
 */
public final class SolutionSetTransformation<T> extends Transformation<T> {
    private final IterationHeadTransformation<?> iteration;

    public SolutionSetTransformation(IterationHeadTransformation<?> iteration, TypeInfo<T> type) {
        super("Solution set", type, iteration.getParallelism());
        this.iteration = iteration;
    }

    public IterationHeadTransformation<?> getIteration() {
        return iteration;
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of();
    }
}
