package io.eddy.benchmarks;

import io.eddy.api.connector.sink.Sink;
import io.eddy.api.connector.sink.SinkContext;
import io.eddy.api.connector.sink.SinkWriter;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts records, and optionally sums a number taken from each; each subtask adds its figures to
 * JVM-wide totals at the end of input, so the hot path is an increment (and an addition). For jobs
 * on the embedded cluster.
 *
 * <p>While a job runs, {@link #liveTotal()} and {@link #liveValueSum()} read the running writers'
 * counts too (for {@link Timeline}): the writers keep plain fields, so counting costs what it
 * always did, and the reader's opaque reads see them a little late at worst.
 */
public final class CountingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong TOTAL = new AtomicLong();
    private static final AtomicLong VALUE_SUM = new AtomicLong();
    /** Writers between their first record and their end of input. */
    private static final Set<CountingWriter<?>> RUNNING = ConcurrentHashMap.newKeySet();

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

    /** Records written so far in this JVM, those of running writers included. */
    public static long liveTotal() {
        long total = TOTAL.get();
        for (CountingWriter<?> w : RUNNING) {
            total += (long) CountingWriter.COUNT.getOpaque(w);
        }
        return total;
    }

    /** The value sum so far in this JVM, that of running writers included. */
    public static long liveValueSum() {
        long sum = VALUE_SUM.get();
        for (CountingWriter<?> w : RUNNING) {
            sum += (long) CountingWriter.SUM.getOpaque(w);
        }
        return sum;
    }

    @Override
    public SinkWriter<T> createWriter(SinkContext context) {
        return new CountingWriter<>(valueOf);
    }

    /** Counts in its task's thread; the timeline reads its figures from another. */
    private static final class CountingWriter<T> implements SinkWriter<T> {
        static final VarHandle COUNT;
        static final VarHandle SUM;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                COUNT = lookup.findVarHandle(CountingWriter.class, "count", long.class);
                SUM = lookup.findVarHandle(CountingWriter.class, "sum", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final ValueOf<T> valueOf;
        private long count;
        private long sum;

        CountingWriter(ValueOf<T> valueOf) {
            this.valueOf = valueOf;
            RUNNING.add(this);
        }

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
                RUNNING.remove(this); // first, so that a live reader undercounts for a moment rather than twice
                TOTAL.addAndGet(count);
                VALUE_SUM.addAndGet(sum);
                count = 0;
                sum = 0;
            }
        }

        @Override
        public void close() {
            RUNNING.remove(this);
        }
    }
}
