package io.eddy.api.dataset.aggregators;

import java.io.Serializable;

/**
 * A value that the functions of an iteration's step function fold into during one superstep, and that
 * the iteration combines over all parallel subtasks when the superstep ends (e.g. a count of changed
 * records). Register it on the iteration under a name; a rich function finds its subtask's instance
 * with {@code getIterationRuntimeContext().getIterationAggregator(name)}, and the combined value of
 * the previous superstep with {@code getPreviousIterationAggregate(name)}.
 *
 * <p>Combining: the runtime calls {@link #aggregate} of one instance with the {@link #getAggregate()}
 * of every other, so aggregating must be associative and commutative. Each superstep starts with
 * {@link #reset()} instances. An instance is used by one thread at a time.
 *
 * @param <T> the aggregate's type; it travels between processes, so it must be serializable
 */
public interface Aggregator<T extends Serializable> extends Serializable {
    /** Folds {@code value} (a function's contribution, or another subtask's aggregate) into this one. */
    void aggregate(T value);

    /** The aggregate of everything folded in since the last {@link #reset()}. */
    T getAggregate();

    /** Back to the neutral value. */
    void reset();
}
