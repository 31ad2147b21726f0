package io.eddy.runtime.metrics;

import io.eddy.api.metrics.Gauge;

import java.util.function.LongSupplier;

/**
 * Milliseconds per second a task spent in some state (back-pressured, idle, busy) over the last
 * update interval, from a growing total of nanoseconds: 0 to 1000. Sampled by the registry's
 * thread ({@link View}); read by any.
 */
public final class TimeRatioGauge implements Gauge<Long>, View {
    private final LongSupplier totalNanos;
    /** Registry thread only. */
    private long lastTotal = -1;
    /** Registry thread only. */
    private long lastSampleNanos;
    private volatile long millisPerSecond;

    public TimeRatioGauge(LongSupplier totalNanos) {
        this.totalNanos = totalNanos;
    }

    @Override
    public Long getValue() {
        return millisPerSecond;
    }

    @Override
    public void update() {
        long now = System.nanoTime();
        long total = totalNanos.getAsLong();
        if (lastTotal >= 0 && now > lastSampleNanos) {
            long ratio = (total - lastTotal) * 1000 / (now - lastSampleNanos);
            millisPerSecond = Math.max(0, Math.min(1000, ratio));
        }
        lastTotal = total;
        lastSampleNanos = now;
    }
}
