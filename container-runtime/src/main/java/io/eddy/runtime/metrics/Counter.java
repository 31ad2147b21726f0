package io.eddy.runtime.metrics;

/**
 * A count incremented by one task thread on the hot path and read by others for reporting. A
 * plain field keeps the increment as cheap as possible; readers may see a slightly old value.
 * The runtime calls this final class directly, so the interface adds no dispatch on the hot path.
 */
public final class Counter implements io.eddy.api.metrics.Counter {
    private long count;

    @Override
    public void inc() {
        count++;
    }

    @Override
    public void inc(long n) {
        count += n;
    }

    @Override
    public long getCount() {
        return count;
    }
}
