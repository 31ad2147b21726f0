package io.eddy.flinkcompare;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts records, and optionally sums a number taken from each, as Eddy's benchmark sink does: each
 * subtask keeps plain fields and adds them to JVM-wide totals at the end of its input, so the per-record
 * cost is an increment (and an addition). For jobs on the local MiniCluster, whose tasks run in this JVM.
 */
final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong TOTAL = new AtomicLong();
    private static final AtomicLong VALUE_SUM = new AtomicLong();

    /** The number a record contributes to {@link #valueSum()}. */
    @FunctionalInterface
    interface ValueOf<T> extends Serializable {
        long of(T record);
    }

    /** Null when only counting. */
    private final ValueOf<T> valueOf;

    CountingSink(ValueOf<T> valueOf) {
        this.valueOf = valueOf;
    }

    static void reset() {
        TOTAL.set(0);
        VALUE_SUM.set(0);
    }

    static long total() {
        return TOTAL.get();
    }

    static long valueSum() {
        return VALUE_SUM.get();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new CountingWriter<>(valueOf);
    }

    /** Counts in its task's thread; publishes at the end of input. */
    private static final class CountingWriter<T> implements SinkWriter<T> {
        private final ValueOf<T> valueOf;
        private long count;
        private long sum;

        CountingWriter(ValueOf<T> valueOf) {
            this.valueOf = valueOf;
        }

        @Override
        public void write(T element, Context context) {
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
    }
}
