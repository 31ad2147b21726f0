package io.eddy.api.dataset.aggregators;

import java.io.Serializable;

/**
 * Decides, from the combined value of an aggregator at the end of a superstep, whether an iteration
 * has converged and ends there (its result is then that superstep's). Registered with
 * {@code registerAggregationConvergenceCriterion(name, aggregator, criterion)}.
 */
@FunctionalInterface
public interface ConvergenceCriterion<T extends Serializable> extends Serializable {
    /**
     * @param superstep the superstep that just ended, from 1
     * @param aggregate the aggregator's value combined over all parallel subtasks in that superstep
     */
    boolean isConverged(int superstep, T aggregate);
}
