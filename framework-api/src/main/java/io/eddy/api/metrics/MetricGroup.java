package io.eddy.api.metrics;

import java.util.Map;

/**
 * Where metrics are registered: a named scope (JobManager, TaskManager, job, task, operator) with
 * its variables (host, job id, task name, subtask index, ...). A function reaches the group of its
 * operator through {@code getRuntimeContext().getMetricGroup()}, typically in {@code open()}:
 *
 * <pre>{@code
 * private transient Counter invalid;
 * public void open(Configuration parameters) {
 *     invalid = getRuntimeContext().getMetricGroup().counter("invalidRecords");
 * }
 * }</pre>
 *
 * <p>Metrics live as long as their scope: an operator's metrics go when its subtask ends. A name
 * registered twice in one group keeps the first metric and returns it again.
 */
public interface MetricGroup {
    /** A new counter, or the one already registered under {@code name}. */
    Counter counter(String name);

    <C extends Counter> C counter(String name, C counter);

    <T, G extends Gauge<T>> G gauge(String name, G gauge);

    /** A meter of events per second over the last minute. */
    Meter meter(String name);

    <M extends Meter> M meter(String name, M meter);

    /** A histogram of the last 1024 values. */
    Histogram histogram(String name);

    <H extends Histogram> H histogram(String name, H histogram);

    /** A nested group: its metrics' names start with {@code name}. */
    MetricGroup addGroup(String name);

    /** A nested group that adds the variable {@code key=value} (a Prometheus label) to its metrics. */
    MetricGroup addGroup(String key, String value);

    /** The variables of this scope, e.g. {@code job_id}, {@code task_name}, {@code subtask_index}. */
    Map<String, String> getAllVariables();

    /** The full dotted name of a metric of this group, e.g. {@code host.taskmanager.tm1.job.task.0.op.name}. */
    String getMetricIdentifier(String metricName);
}
