package io.eddy.api.functions.rich;

import io.eddy.api.dataset.aggregators.Aggregator;

import java.io.Serializable;

/**
 * The runtime context of a function in the step function of an iteration: which superstep runs, the
 * iteration's aggregators for this superstep, and their combined values of the previous one. A rich
 * function gets it with {@link AbstractRichFunction#getIterationRuntimeContext()}.
 */
public interface IterationRuntimeContext extends RuntimeContext {
    /** The current superstep, 1 for the first. */
    int getSuperstepNumber();

    /**
     * This subtask's instance of the aggregator registered as {@code name}; what is folded into it in
     * this superstep is combined with the other subtasks' when the superstep ends.
     *
     * @throws IllegalArgumentException when no aggregator is registered under {@code name}
     */
    <A extends Aggregator<?>> A getIterationAggregator(String name);

    /**
     * The value of aggregator {@code name} combined over all subtasks at the end of the previous
     * superstep; null in the first superstep.
     *
     * @throws IllegalArgumentException when no aggregator is registered under {@code name}
     */
    <T extends Serializable> T getPreviousIterationAggregate(String name);
}
