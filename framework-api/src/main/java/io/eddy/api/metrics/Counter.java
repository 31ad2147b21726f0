package io.eddy.api.metrics;

/**
 * A count that only grows, e.g. records seen. Incremented by the one thread that owns it (the
 * task thread for operator metrics); reporters read it from other threads and may see a value a
 * moment old.
 */
public interface Counter extends Metric {
    void inc();

    void inc(long n);

    long getCount();
}
