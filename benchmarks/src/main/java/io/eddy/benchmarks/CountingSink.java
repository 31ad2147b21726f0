package io.eddy.benchmarks;

import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts records without looking at them; each subtask adds its count to a JVM-wide total at the
 * end of input, so the hot path is one increment. For jobs on the embedded cluster.
 */
public final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong TOTAL = new AtomicLong();

    /** Resets the total before a run. */
    public static void reset() {
        TOTAL.set(0);
    }

    public static long total() {
        return TOTAL.get();
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        return new SinkWriter<>() {
            private long count;

            @Override
            public void write(T element, long timestamp) {
                count++;
            }

            @Override
            public void flush(boolean endOfInput) {
                if (endOfInput) {
                    TOTAL.addAndGet(count);
                    count = 0;
                }
            }

            @Override
            public void close() {}
        };
    }
}
