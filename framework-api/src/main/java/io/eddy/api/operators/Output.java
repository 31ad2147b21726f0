package io.eddy.api.operators;

import io.eddy.api.functions.OutputTag;

/**
 * Where an operator emits: the next operator of its chain (a direct call) or a network writer
 * (serialization into buffers). Implementations are not thread-safe; only the task thread calls them.
 */
public interface Output<T> {
    /** Marks a record as carrying no event timestamp. */
    long NO_TIMESTAMP = Long.MIN_VALUE;

    /** Emits a record with its event timestamp, or {@link #NO_TIMESTAMP}. */
    void collect(T record, long timestamp);

    /** Emits a record to the side output {@code tag}; dropped when nothing consumes that side output. */
    <X> void collect(OutputTag<X> tag, X record, long timestamp);

    /** Emits a watermark: no record with a timestamp ≤ {@code watermark} follows on this output. */
    void emitWatermark(long watermark);

    /**
     * Tells consumers that this output is idle (no records or watermarks for now; they should not
     * wait for its watermark) or active again.
     */
    void emitWatermarkStatus(boolean idle);

    /**
     * Sends what this output holds in its network buffers to the consumers now, instead of when a
     * buffer fills or the buffer timeout fires: e.g. at the end of an iteration's superstep, whose
     * next one waits for it. Chained operators flush their own outputs when they pass the event on.
     */
    default void flush() {}
}
