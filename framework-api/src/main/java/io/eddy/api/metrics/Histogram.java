package io.eddy.api.metrics;

/** The distribution of recent values, e.g. latencies: count, min, max, mean and quantiles. */
public interface Histogram extends Metric {
    void update(long value);

    /** Values recorded since the start, including those no longer in the statistics' window. */
    long getCount();

    HistogramStatistics getStatistics();
}
