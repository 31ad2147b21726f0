package io.eddy.runtime.operators;

import io.eddy.api.functions.MapFunction;
import io.eddy.api.operators.OneInputOperator;

/** Applies a {@link MapFunction}; the timestamp passes through. */
public final class MapOperator<IN, OUT> extends UdfOperator<OUT, MapFunction<IN, OUT>> implements OneInputOperator<IN> {
    private static final long serialVersionUID = 1L;

    public MapOperator(MapFunction<IN, OUT> function) {
        super(function);
    }

    @Override
    public void processElement(IN value, long timestamp) throws Exception {
        output.collect(function.map(value), timestamp);
    }
}
