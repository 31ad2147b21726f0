package io.eddy.api.metrics;

/** A named figure of a running program: a {@link Counter}, {@link Gauge}, {@link Meter} or {@link Histogram}. */
public interface Metric {}
