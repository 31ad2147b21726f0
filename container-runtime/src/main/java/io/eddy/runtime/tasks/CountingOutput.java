package io.eddy.runtime.tasks;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.Output;
import io.eddy.runtime.metrics.Counter;

/** The output of an operator at the end of a chain with no successor (a sink): counts and drops. */
final class CountingOutput<T> implements Output<T> {
    private final Counter records;

    CountingOutput(Counter records) {
        this.records = records;
    }

    @Override
    public void collect(T record, long timestamp) {
        records.inc();
    }

    @Override
    public <X> void collect(OutputTag<X> tag, X record, long timestamp) {}

    @Override
    public void emitWatermark(long watermark) {}

    @Override
    public void emitWatermarkStatus(boolean idle) {}
}
