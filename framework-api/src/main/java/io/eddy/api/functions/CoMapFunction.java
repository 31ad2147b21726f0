package io.eddy.api.functions;

/** Maps the elements of two connected streams, each with its own method, into one output stream. */
public interface CoMapFunction<IN1, IN2, OUT> extends Function {
    OUT map1(IN1 value) throws Exception;

    OUT map2(IN2 value) throws Exception;
}
