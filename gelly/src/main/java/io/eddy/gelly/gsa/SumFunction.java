package io.eddy.gelly.gsa;

import io.eddy.api.functions.ReduceFunction;

/** The sum step of a {@link GatherSumApplyIteration}: combines two contributions; associative and commutative. */
@FunctionalInterface
public interface SumFunction<M> extends ReduceFunction<M> {
}
