package io.eddy.runtime.metrics.reporters;

import io.eddy.runtime.metrics.MetricRegistry;
import io.eddy.runtime.metrics.MetricReporter;
import io.eddy.runtime.metrics.RegisteredMetric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Logs every metric of the process at an interval, one block of {@code identifier: value} lines, sorted. */
final class LogReporter implements MetricReporter {
    private static final Logger LOG = LoggerFactory.getLogger(LogReporter.class);

    private final Duration interval;
    private MetricRegistry registry;
    private ScheduledFuture<?> reports;

    LogReporter(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The log reporter's interval must be positive, was " + interval);
        }
        this.interval = interval;
    }

    @Override
    public void open(MetricRegistry registry) {
        this.registry = registry;
        reports = registry.executor().scheduleWithFixedDelay(this::report, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void report() {
        if (LOG.isInfoEnabled()) {
            LOG.info(render());
        }
    }

    /** The report: a header line, then {@code identifier: value} per value, sorted by identifier. */
    String render() {
        List<RegisteredMetric> metrics = registry.metrics();
        metrics.sort(Comparator.comparing(RegisteredMetric::identifier));
        StringBuilder text = new StringBuilder("Metrics (").append(metrics.size()).append("):");
        for (RegisteredMetric m : metrics) {
            String id = m.group().getMetricIdentifier("");
            MetricRegistry.addValues(m.name(), m.metric(), (name, value) ->
                    text.append('\n').append(id).append(name).append(": ").append(value));
        }
        return text.toString();
    }

    @Override
    public void close() {
        if (reports != null) {
            reports.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "log every " + interval;
    }
}
