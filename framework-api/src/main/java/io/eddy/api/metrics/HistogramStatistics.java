package io.eddy.api.metrics;

/**
 * The distribution of the values a histogram holds at one moment.
 *
 * @param size how many values the statistics are computed from
 */
public record HistogramStatistics(int size, long min, long max, double mean, double p50, double p95,
        double p99) {}
