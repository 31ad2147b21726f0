package io.eddy.runtime.tasks;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.Output;

import java.util.Map;

/**
 * The output of an operator whose side outputs are consumed: main records go to the main output,
 * side records to the output of their tag (unconsumed tags are dropped), and watermarks to all.
 */
final class SideOutputRouter<T> implements Output<T> {
    private final Output<T> main;
    private final Map<String, Output<Object>> sides;
    private final Output<Object>[] all;

    @SuppressWarnings("unchecked")
    SideOutputRouter(Output<T> main, Map<String, Output<Object>> sides) {
        this.main = main;
        this.sides = sides;
        this.all = sides.values().toArray(new Output[0]);
    }

    @Override
    public void collect(T record, long timestamp) {
        main.collect(record, timestamp);
    }

    @Override
    public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
        Output<Object> side = sides.get(tag.getId());
        if (side != null) {
            side.collect(record, timestamp);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        main.emitWatermark(watermark);
        for (Output<Object> side : all) {
            side.emitWatermark(watermark);
        }
    }

    @Override
    public void emitWatermarkStatus(boolean idle) {
        main.emitWatermarkStatus(idle);
        for (Output<Object> side : all) {
            side.emitWatermarkStatus(idle);
        }
    }

    @Override
    public void flush() {
        main.flush();
        for (Output<Object> side : all) {
            side.flush();
        }
    }
}
