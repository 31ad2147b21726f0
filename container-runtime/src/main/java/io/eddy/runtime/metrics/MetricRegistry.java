package io.eddy.runtime.metrics;

import io.eddy.api.metrics.Counter;
import io.eddy.api.metrics.Gauge;
import io.eddy.api.metrics.Histogram;
import io.eddy.api.metrics.HistogramStatistics;
import io.eddy.api.metrics.Meter;
import io.eddy.api.metrics.Metric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The metrics of one process (a JobManager, a TaskManager, or an embedded cluster): what its
 * groups register, handed to its reporters, and dumped for the REST API. One thread of its own
 * samples the {@link View}s (rates) every {@value View#UPDATE_INTERVAL_SECONDS} s and runs the
 * reporters that report at an interval.
 *
 * <p>Thread-safe. Registration happens when a task, job or process starts, never per record.
 */
public final class MetricRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricRegistry.class);

    private final Set<RegisteredMetric> metrics = ConcurrentHashMap.newKeySet();
    private final Set<View> views = ConcurrentHashMap.newKeySet();
    private final List<MetricReporter> reporters = new ArrayList<>();
    private final ScheduledExecutorService executor;

    /** A registry without reporters (its metrics are still served by the REST API). */
    public MetricRegistry() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eddy-metrics");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::updateViews, View.UPDATE_INTERVAL_SECONDS, View.UPDATE_INTERVAL_SECONDS,
                TimeUnit.SECONDS);
    }

    /** Opens {@code reporter} and hands it every metric from now on; a reporter that fails to open is closed and rethrown. */
    public void addReporter(MetricReporter reporter) throws Exception {
        try {
            reporter.open(this);
        } catch (Exception e) {
            reporter.close();
            throw e;
        }
        synchronized (reporters) {
            reporters.add(reporter);
        }
        metrics.forEach(reporter::notifyOfAddedMetric);
    }

    /** The thread that samples rates; interval reporters schedule their reports on it. */
    public ScheduledExecutorService executor() {
        return executor;
    }

    void register(RegisteredMetric metric) {
        if (!metrics.add(metric)) {
            return;
        }
        if (metric.metric() instanceof View view) {
            views.add(view);
        }
        for (MetricReporter reporter : reporters()) {
            try {
                reporter.notifyOfAddedMetric(metric);
            } catch (RuntimeException e) {
                LOG.warn("Metric reporter {} failed to add {}", reporter, metric.identifier(), e);
            }
        }
    }

    void unregister(RegisteredMetric metric) {
        if (!metrics.remove(metric)) {
            return;
        }
        if (metric.metric() instanceof View view) {
            views.remove(view);
        }
        for (MetricReporter reporter : reporters()) {
            try {
                reporter.notifyOfRemovedMetric(metric);
            } catch (RuntimeException e) {
                LOG.warn("Metric reporter {} failed to remove {}", reporter, metric.identifier(), e);
            }
        }
    }

    /** The reporters opened, in the order of {@code metrics.reporters}. */
    public List<MetricReporter> reporters() {
        synchronized (reporters) {
            return List.copyOf(reporters);
        }
    }

    /** Every registered metric, a copy. */
    public List<RegisteredMetric> metrics() {
        return new ArrayList<>(metrics);
    }

    /** The current values of the metrics whose group {@code filter} accepts. */
    public MetricDump dump(Predicate<ScopedMetricGroup> filter) {
        List<MetricDump.Entry> entries = new ArrayList<>();
        for (RegisteredMetric m : metrics) {
            if (filter.test(m.group())) {
                HashMap<String, String> variables = new HashMap<>(m.group().getAllVariables());
                addValues(m.name(), m.metric(), (name, value) ->
                        entries.add(new MetricDump.Entry(m.group().scope(), variables, name, value)));
            }
        }
        return new MetricDump(entries);
    }

    /** Receives the values of one metric, a histogram giving several. */
    public interface ValueSink {
        void value(String name, String value);
    }

    /** The values of a metric as text: a meter its rate, a histogram its statistics under suffixed names. */
    public static void addValues(String name, Metric metric, ValueSink sink) {
        if (metric instanceof Counter c) {
            sink.value(name, Long.toString(c.getCount()));
        } else if (metric instanceof Gauge<?> g) {
            Object value = g.getValue();
            if (value != null) {
                sink.value(name, value.toString());
            }
        } else if (metric instanceof Meter m) {
            sink.value(name, Double.toString(m.getRate()));
        } else if (metric instanceof Histogram h) {
            HistogramStatistics s = h.getStatistics();
            sink.value(name + "_count", Long.toString(h.getCount()));
            sink.value(name + "_min", Long.toString(s.min()));
            sink.value(name + "_max", Long.toString(s.max()));
            sink.value(name + "_mean", Double.toString(s.mean()));
            sink.value(name + "_p50", Double.toString(s.p50()));
            sink.value(name + "_p95", Double.toString(s.p95()));
            sink.value(name + "_p99", Double.toString(s.p99()));
        }
    }

    private void updateViews() {
        for (View view : views) {
            try {
                view.update();
            } catch (RuntimeException e) {
                LOG.debug("A metric view failed to update", e);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        for (MetricReporter reporter : reporters()) {
            try {
                reporter.close();
            } catch (RuntimeException e) {
                LOG.warn("Metric reporter {} did not close cleanly", reporter, e);
            }
        }
    }
}
