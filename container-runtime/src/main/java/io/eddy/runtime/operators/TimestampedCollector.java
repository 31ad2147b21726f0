package io.eddy.runtime.operators;

import io.eddy.api.functions.Collector;
import io.eddy.api.operators.Output;

/**
 * A {@link Collector} handed to user functions that emits into an {@link Output} with the
 * timestamp of the element being processed. One instance per operator, reused for every element.
 */
public final class TimestampedCollector<T> implements Collector<T> {
    private final Output<T> output;
    private long timestamp = Output.NO_TIMESTAMP;

    public TimestampedCollector(Output<T> output) {
        this.output = output;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public void collect(T record) {
        output.collect(record, timestamp);
    }
}
