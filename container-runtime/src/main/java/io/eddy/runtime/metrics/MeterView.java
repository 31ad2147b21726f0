package io.eddy.runtime.metrics;

import io.eddy.api.metrics.Meter;

import java.util.function.LongSupplier;

/**
 * A rate over the last minute of a growing count: every {@link View#UPDATE_INTERVAL_SECONDS} the
 * registry's thread samples the count into a ring; the rate is the difference between the newest
 * and the oldest sample over the time between them. The count is either the meter's own counter
 * (a user's meter, {@link #markEvent}) or a figure the runtime keeps anyway (records or bytes of a
 * task), so the counting thread pays nothing for the rate.
 *
 * <p>Threads: {@link #markEvent} by the one counting thread; {@link #update} by the registry's
 * thread; {@link #getRate} by any (it reads the volatile result of the last update).
 */
public final class MeterView implements Meter, View {
    private static final int SAMPLES = 60 / UPDATE_INTERVAL_SECONDS + 1;

    private final Counter counter;
    private final LongSupplier count;
    /** Registry thread only. */
    private final long[] ring = new long[SAMPLES];
    /** Registry thread only: samples taken, saturating at the ring's length. */
    private int taken;
    /** Registry thread only: where the next sample goes. */
    private int next;
    private volatile double rate;

    /** A meter with its own counter. */
    public MeterView() {
        this.counter = new Counter();
        this.count = counter::getCount;
    }

    /** The rate of a count kept elsewhere; {@link #markEvent} is not allowed. */
    public MeterView(LongSupplier count) {
        this.counter = null;
        this.count = count;
    }

    @Override
    public void markEvent() {
        own().inc();
    }

    @Override
    public void markEvent(long n) {
        own().inc(n);
    }

    private Counter own() {
        if (counter == null) {
            throw new IllegalStateException("This meter shows the rate of a count the runtime keeps; it cannot be marked");
        }
        return counter;
    }

    @Override
    public double getRate() {
        return rate;
    }

    @Override
    public long getCount() {
        return count.getAsLong();
    }

    @Override
    public void update() {
        ring[next] = count.getAsLong();
        int oldest = taken < SAMPLES ? 0 : (next + 1) % SAMPLES;
        int intervals = Math.min(taken, SAMPLES - 1);
        if (intervals > 0) {
            rate = (double) (ring[next] - ring[oldest]) / (intervals * UPDATE_INTERVAL_SECONDS);
        }
        taken = Math.min(taken + 1, SAMPLES);
        next = (next + 1) % SAMPLES;
    }
}
