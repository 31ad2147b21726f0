package io.eddy.api.functions;

/** Makes one output record of a pair of a cross product. */
@FunctionalInterface
public interface CrossFunction<IN1, IN2, OUT> extends Function {
    OUT cross(IN1 first, IN2 second) throws Exception;
}
