package io.eddy.runtime.iteration;

import io.eddy.api.dataset.aggregators.Aggregator;
import io.eddy.api.dataset.aggregators.ConvergenceCriterion;

import java.io.Serializable;
import java.util.Map;

/**
 * What the runtime needs to know of one iteration of a program, shared by its head, its tails and the
 * operators of its step function: which iteration (the id of its head transformation, unique in the
 * job), how many parallel subtasks run it, and when it ends.
 *
 * @param aggregators the registered aggregators by name, as prototypes: every use copies them
 * @param convergenceAggregator the aggregator the convergence criterion reads, or null
 * @param terminationCriterion whether a bulk iteration has a termination criterion data set
 */
public record IterationSpec(int iterationId, boolean delta, int maxIterations, int parallelism,
        Map<String, Aggregator<?>> aggregators, String convergenceAggregator,
        ConvergenceCriterion<?> convergenceCriterion, boolean terminationCriterion, String describe)
        implements Serializable {

    /** The feedback channels the head waits for at the end of each superstep. */
    Feedback[] feedbacks() {
        if (delta) {
            return new Feedback[] {Feedback.WORKSET, Feedback.SOLUTION_SET_DELTA};
        }
        return terminationCriterion ? new Feedback[] {Feedback.NEXT_PARTIAL_SOLUTION, Feedback.TERMINATION_CRITERION}
                : new Feedback[] {Feedback.NEXT_PARTIAL_SOLUTION};
    }
}
