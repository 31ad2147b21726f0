package io.eddy.runtime.tasks;

import io.eddy.api.functions.OutputTag;
import io.eddy.api.operators.Output;
import io.eddy.runtime.exchange.RecordWriter;
import io.eddy.runtime.exchange.StreamFormat;
import io.eddy.runtime.metrics.Counter;

/** Sends records to another task through a {@link RecordWriter}. */
final class RecordWriterOutput<T> implements Output<T> {
    private final RecordWriter<T> writer;
    private final Counter records;

    RecordWriterOutput(RecordWriter<T> writer, Counter records) {
        this.writer = writer;
        this.records = records;
    }

    @Override
    public void collect(T record, long timestamp) {
        records.inc();
        try {
            writer.emit(record, timestamp);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new OperatorFailure(e);
        }
    }

    @Override
    public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
        // side outputs travel through writers of their own, see SideOutputRouter
    }

    @Override
    public void emitWatermarkStatus(boolean idle) {
        try {
            writer.broadcastEvent(StreamFormat.WATERMARK_STATUS, idle ? 1 : 0);
        } catch (InterruptedException e) {
            throw new OperatorFailure(e);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        try {
            writer.broadcastEvent(StreamFormat.WATERMARK, watermark);
        } catch (InterruptedException e) {
            throw new OperatorFailure(e);
        }
    }

    @Override
    public void flush() {
        writer.flushAll();
    }
}
