package io.eddy.api.connector.sink;

/** Drops every element; for jobs run for their side effects or to measure throughput. */
public final class DiscardingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(T element, long timestamp) {}

            @Override
            public void close() {}
        };
    }
}
