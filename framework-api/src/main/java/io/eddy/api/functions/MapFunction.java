package io.eddy.api.functions;

/** Turns each element into exactly one element. */
@FunctionalInterface
public interface MapFunction<IN, OUT> extends Function {
    OUT map(IN value) throws Exception;
}
