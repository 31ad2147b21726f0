package io.eddy.api.metrics;

/** Events per second, averaged over the last minute, and the count of all events. */
public interface Meter extends Metric {
    void markEvent();

    void markEvent(long n);

    /** Events per second over the recent past. */
    double getRate();

    long getCount();
}
