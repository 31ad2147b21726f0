package io.eddy.api.functions;

/**
 * Combines a pair of elements a window join matched, one of each input with the same key in the
 * same window, into one result.
 *
 * @param <IN1> type of the first input's elements
 * @param <IN2> type of the second input's elements
 * @param <OUT> type of the results
 */
@FunctionalInterface
public interface JoinFunction<IN1, IN2, OUT> extends Function {
    OUT join(IN1 first, IN2 second) throws Exception;
}
