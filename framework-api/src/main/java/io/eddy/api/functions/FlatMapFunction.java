package io.eddy.api.functions;

/** Turns each element into zero, one or more elements. */
@FunctionalInterface
public interface FlatMapFunction<IN, OUT> extends Function {
    void flatMap(IN value, Collector<OUT> out) throws Exception;
}
