package io.eddy.runtime.metrics;

import io.eddy.api.metrics.Histogram;
import io.eddy.api.metrics.HistogramStatistics;

import java.util.Arrays;

/**
 * A histogram of the last {@code capacity} values in a ring. Updated by the one thread that owns
 * it; {@link #getStatistics} (reporters) copies the ring without a lock, so a report taken during
 * an update may mix the old and the new value of one slot, which a statistic tolerates.
 */
public final class ReservoirHistogram implements Histogram {
    private final long[] values;
    private long count;

    public ReservoirHistogram(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A histogram holds at least one value, capacity was " + capacity);
        }
        this.values = new long[capacity];
    }

    @Override
    public void update(long value) {
        values[(int) (count % values.length)] = value;
        count++;
    }

    @Override
    public long getCount() {
        return count;
    }

    @Override
    public HistogramStatistics getStatistics() {
        int size = (int) Math.min(count, values.length);
        if (size == 0) {
            return new HistogramStatistics(0, 0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new HistogramStatistics(size, sorted[0], sorted[size - 1], sum / size, quantile(sorted, 0.5),
                quantile(sorted, 0.95), quantile(sorted, 0.99));
    }

    private static double quantile(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
