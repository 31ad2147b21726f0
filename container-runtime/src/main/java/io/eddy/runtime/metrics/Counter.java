package io.eddy.runtime.metrics;

/**
 * A count incremented by one task thread on the hot path and read by others for reporting. A
 * plain field keeps the increment as cheap as possible; readers may see a slightly old value.
 */
public final class Counter {
    private long count;

    public void inc() {
        count++;
    }

    public long get() {
        return count;
    }
}
