package io.eddy.runtime.tasks;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.Output;
import io.eddy.runtime.metrics.Counter;

/** An operator's output when it feeds several chained operators or exchanges. */
final class BroadcastingOutput<T> implements Output<T> {
    private final Output<T>[] outputs;
    private final Counter records;

    BroadcastingOutput(Output<T>[] outputs, Counter records) {
        this.outputs = outputs;
        this.records = records;
    }

    @Override
    public void collect(T record, long timestamp) {
        records.inc();
        for (Output<T> output : outputs) {
            output.collect(record, timestamp);
        }
    }

    @Override
    public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
        // side outputs are routed before broadcasting, see SideOutputRouter
    }

    @Override
    public void emitWatermarkStatus(boolean idle) {
        for (Output<T> output : outputs) {
            output.emitWatermarkStatus(idle);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        for (Output<T> output : outputs) {
            output.emitWatermark(watermark);
        }
    }

    @Override
    public void flush() {
        for (Output<T> output : outputs) {
            output.flush();
        }
    }
}
