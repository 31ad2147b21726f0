package io.eddy.runtime.metrics;

/**
 * Publishes the metrics of one process (Prometheus, JMX, the log). The registry tells it each
 * metric as it is added and removed; a reporter that exports on demand (Prometheus) may instead
 * read {@link MetricRegistry#metrics()} when asked. Notifications come from the threads that
 * register metrics (task threads, the JobManager's), so implementations are thread-safe.
 */
public interface MetricReporter extends AutoCloseable {
    /** Called once, before any notification. */
    default void open(MetricRegistry registry) throws Exception {}

    default void notifyOfAddedMetric(RegisteredMetric metric) {}

    default void notifyOfRemovedMetric(RegisteredMetric metric) {}

    @Override
    default void close() {}
}
