package io.eddy.api.state;

/** One value per key that added values are combined into with a {@link io.eddy.api.functions.ReduceFunction}. */
public interface ReducingState<T> extends AppendingState<T, T> {}
