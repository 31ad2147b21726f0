package io.eddy.api.dataset;

import io.eddy.api.connector.format.OutputFormat;
import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;

/** An {@link OutputFormat} as a sink: each subtask's writer opens the format with its index and closes it at the end. */
final class OutputFormatSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final OutputFormat<T> format;

    OutputFormatSink(OutputFormat<T> format) {
        this.format = format;
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) throws Exception {
        format.open(context.getIndexOfSubtask(), context.getParallelism());
        return new SinkWriter<>() {
            @Override
            public void write(T element, long timestamp) throws Exception {
                format.writeRecord(element);
            }

            @Override
            public void close() throws Exception {
                format.close();
            }
        };
    }
}
