package io.eddy.api.metrics;

/**
 * A value read when it is reported, e.g. a queue length. Called from reporter threads, so it must
 * only read (volatile or otherwise safely published) fields. Numbers are reported as such; other
 * values as their text where a reporter can show text.
 */
@FunctionalInterface
public interface Gauge<T> extends Metric {
    T getValue();
}
