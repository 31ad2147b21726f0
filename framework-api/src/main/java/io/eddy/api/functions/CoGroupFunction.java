package io.eddy.api.functions;

/**
 * Gets, per key and window, the elements of both inputs: all of the first input's and all of the
 * second's, in arrival order. Either side may be empty (never both), so unlike a join it also
 * sees keys that only one input has, e.g. for outer joins.
 *
 * @param <IN1> type of the first input's elements
 * @param <IN2> type of the second input's elements
 * @param <OUT> type of the results
 */
@FunctionalInterface
public interface CoGroupFunction<IN1, IN2, OUT> extends Function {
    void coGroup(Iterable<IN1> first, Iterable<IN2> second, Collector<OUT> out) throws Exception;
}
