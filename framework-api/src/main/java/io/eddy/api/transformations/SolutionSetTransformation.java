package io.eddy.api.transformations;

import io.eddy.api.types.TypeInfo;

import java.util.List;

/**
 * Not an operator: the solution set of a delta iteration as its step function sees it. It is kept by
 * the iteration itself (a hash table by key per subtask), so it is not an input of anything; an
 * operation that joins or co-groups with it ({@link Operation.SolutionSetJoin},
 * {@link Operation.SolutionSetCoGroup}) looks records up in it by key.
 *
 * <p>Its type is that of the program's records. When the iteration is keyed by a KeySelector, the set
 * stores them paired with their keys, {@code Tuple2(key, record)} keyed by field 0, and
 * {@link #getSelectorKeyType()} gives the key's type.
 */
public final class SolutionSetTransformation<T> extends Transformation<T> {
    private final IterationHeadTransformation<?> iteration;
    private final TypeInfo<?> selectorKeyType;

    /** @param selectorKeyType the key type of the iteration's KeySelector, null when it is keyed by fields */
    public SolutionSetTransformation(IterationHeadTransformation<?> iteration, TypeInfo<T> type, TypeInfo<?> selectorKeyType) {
        super("Solution set", type, iteration.getParallelism());
        this.iteration = iteration;
        this.selectorKeyType = selectorKeyType;
    }

    /** The key type of the iteration's KeySelector, or null when the solution set is keyed by fields. */
    public TypeInfo<?> getSelectorKeyType() {
        return selectorKeyType;
    }

    public IterationHeadTransformation<?> getIteration() {
        return iteration;
    }

    @Override
    public List<Transformation<?>> getInputs() {
        return List.of();
    }
}
