package io.eddy.api.state;

/**
 * One accumulator per key that added values are folded into with an
 * {@link io.eddy.api.functions.AggregateFunction}; reading gives the function's result.
 */
public interface AggregatingState<IN, OUT> extends AppendingState<IN, OUT> {}
