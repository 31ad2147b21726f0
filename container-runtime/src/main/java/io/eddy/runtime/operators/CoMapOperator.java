package io.eddy.runtime.operators;

import io.eddy.api.functions.CoMapFunction;
import io.eddy.api.operators.TwoInputOperator;

/** Applies a {@link CoMapFunction} to two connected inputs; the timestamp passes through. */
public final class CoMapOperator<IN1, IN2, OUT> extends UdfOperator<OUT, CoMapFunction<IN1, IN2, OUT>>
        implements TwoInputOperator<IN1, IN2> {
    private static final long serialVersionUID = 1L;

    public CoMapOperator(CoMapFunction<IN1, IN2, OUT> function) {
        super(function);
    }

    @Override
    public void processElement1(IN1 value, long timestamp) throws Exception {
        output.collect(function.map1(value), timestamp);
    }

    @Override
    public void processElement2(IN2 value, long timestamp) throws Exception {
        output.collect(function.map2(value), timestamp);
    }
}
