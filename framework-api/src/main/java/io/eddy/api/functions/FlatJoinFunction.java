package io.eddy.api.functions;

/**
 * Turns a pair of elements a window join matched, one of each input with the same key in the
 * same window, into zero, one or more results.
 *
 * @param <IN1> type of the first input's elements
 * @param <IN2> type of the second input's elements
 * @param <OUT> type of the results
 */
@FunctionalInterface
public interface FlatJoinFunction<IN1, IN2, OUT> extends Function {
    void join(IN1 first, IN2 second, Collector<OUT> out) throws Exception;
}
