package io.eddy.runtime.operators;

import io.eddy.api.functions.FilterFunction;
import io.eddy.api.operators.OneInputOperator;

/** Forwards the elements a {@link FilterFunction} accepts. */
public final class FilterOperator<T> extends UdfOperator<T, FilterFunction<T>> implements OneInputOperator<T> {
    private static final long serialVersionUID = 1L;

    public FilterOperator(FilterFunction<T> function) {
        super(function);
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        if (function.filter(value)) {
            output.collect(value, timestamp);
        }
    }
}
