package io.eddy.benchmarks;

import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts records, and optionally sums a number taken from each; each subtask adds its figures to
 * JVM-wide totals at the end of input, so the hot path is an increment (and an addition). For jobs
 * on the embedded cluster.
 */
public final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong TOTAL = new AtomicLong();
    private static final AtomicLong VALUE_SUM = new AtomicLong();

    /** The number a record contributes to {@link #valueSum()}. */
    @FunctionalInterface
    public interface ValueOf<T> extends Serializable {
        long of(T record);
    }

    /** Null when only counting. */
    private final ValueOf<T> valueOf;

    /** Counts only. */
    public CountingSink() {
        this(null);
    }

    /** Counts and sums {@code valueOf} of each record. */
    public CountingSink(ValueOf<T> valueOf) {
        this.valueOf = valueOf;
    }

    /** Resets the totals before a run. */
    public static void reset() {
        TOTAL.set(0);
        VALUE_SUM.set(0);
    }

    public static long total() {
        return TOTAL.get();
    }

    public static long valueSum() {
        return VALUE_SUM.get();
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        return new SinkWriter<>() {
            private long count;
            private long sum;

            @Override
            public void write(T element, long timestamp) {
                count++;
                if (valueOf != null) {
                    sum += valueOf.of(element);
                }
            }

            @Override
            public void flush(boolean endOfInput) {
                if (endOfInput) {
                    TOTAL.addAndGet(count);
                    VALUE_SUM.addAndGet(sum);
                    count = 0;
                    sum = 0;
                }
            }

            @Override
            public void close() {}
        };
    }
}
