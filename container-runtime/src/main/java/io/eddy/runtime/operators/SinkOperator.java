package io.eddy.runtime.operators;

import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;
import io.eddy.api.operators.OneInputOperator;
import io.eddy.api.operators.StreamOperator;

/** Hands every element to the subtask's {@link SinkWriter}. */
public final class SinkOperator<T> extends StreamOperator<Void> implements OneInputOperator<T> {
    private static final long serialVersionUID = 1L;

    private final Sink<T> sink;
    private transient SinkWriter<T> writer;

    public SinkOperator(Sink<T> sink) {
        this.sink = sink;
    }

    public Sink<T> getSink() {
        return sink;
    }

    @Override
    public void open() throws Exception {
        writer = sink.createWriter(SinkContext.of(context));
    }

    @Override
    public void processElement(T value, long timestamp) throws Exception {
        writer.write(value, timestamp);
    }

    @Override
    public void processWatermark(long watermark) {}

    @Override
    public void endInput() throws Exception {
        writer.flush(true);
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
    }
}
