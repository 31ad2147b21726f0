package io.eddy.runtime.operators;

import io.eddy.api.functions.CoFlatMapFunction;
import io.eddy.api.operators.TwoInputOperator;

/** Applies a {@link CoFlatMapFunction} to two connected inputs; results carry the input's timestamp. */
public final class CoFlatMapOperator<IN1, IN2, OUT> extends UdfOperator<OUT, CoFlatMapFunction<IN1, IN2, OUT>>
        implements TwoInputOperator<IN1, IN2> {
    private static final long serialVersionUID = 1L;

    private transient TimestampedCollector<OUT> collector;

    public CoFlatMapOperator(CoFlatMapFunction<IN1, IN2, OUT> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        collector = new TimestampedCollector<>(output);
        super.open();
    }

    @Override
    public void processElement1(IN1 value, long timestamp) throws Exception {
        collector.setTimestamp(timestamp);
        function.flatMap1(value, collector);
    }

    @Override
    public void processElement2(IN2 value, long timestamp) throws Exception {
        collector.setTimestamp(timestamp);
        function.flatMap2(value, collector);
    }
}
