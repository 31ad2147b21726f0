package io.eddy.runtime.operators;

import io.eddy.api.functions.FlatMapFunction;
import io.eddy.api.operators.OneInputOperator;

/** Applies a {@link FlatMapFunction}; every emitted element carries the input's timestamp. */
public final class FlatMapOperator<IN, OUT> extends UdfOperator<OUT, FlatMapFunction<IN, OUT>>
        implements OneInputOperator<IN> {
    private static final long serialVersionUID = 1L;

    private transient TimestampedCollector<OUT> collector;

    public FlatMapOperator(FlatMapFunction<IN, OUT> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        collector = new TimestampedCollector<>(output);
        super.open();
    }

    @Override
    public void processElement(IN value, long timestamp) throws Exception {
        collector.setTimestamp(timestamp);
        function.flatMap(value, collector);
    }
}
