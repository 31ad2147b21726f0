package io.eddy.runtime.metrics;

import io.eddy.api.metrics.Counter;
import io.eddy.api.metrics.Gauge;
import io.eddy.api.metrics.Histogram;
import io.eddy.api.metrics.Meter;
import io.eddy.api.metrics.Metric;
import io.eddy.api.metrics.MetricGroup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of metrics in one {@link Scope}: the process groups ({@link #jobManager}, {@link #taskManager})
 * are made once per process; a job's, task's and operator's group lives as long as what it measures
 * and is {@link #close closed} with it, which removes its metrics (and those of the groups made
 * from it) from the registry.
 *
 * <p>Groups made by {@link #addGroup} (users') share their parent's scope and add a name component
 * (and, with a key and value, a variable).
 *
 * <p>Thread-safe: registration synchronizes on the group; it is rare (set-up) and never on a
 * record's path.
 */
public final class ScopedMetricGroup implements MetricGroup {
    private static final int DEFAULT_HISTOGRAM_SIZE = 1024;

    /** Null for a group that reports nowhere ({@link #unregistered}). */
    private final MetricRegistry registry;
    private final Scope scope;
    /** The components of metric identifiers, e.g. host, "taskmanager", tm id, job name, task name, subtask. */
    private final List<String> components;
    private final Map<String, String> variables;
    /** Prefix of the names of this group's metrics (nested user groups), empty or ending with '.'. */
    private final String namePrefix;
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final List<ScopedMetricGroup> children = new ArrayList<>();
    private boolean closed;

    private ScopedMetricGroup(MetricRegistry registry, Scope scope, List<String> components,
            Map<String, String> variables, String namePrefix) {
        this.registry = registry;
        this.scope = scope;
        this.components = List.copyOf(components);
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        this.namePrefix = namePrefix;
    }

    /** The group of a JobManager process. */
    public static ScopedMetricGroup jobManager(MetricRegistry registry, String host) {
        return new ScopedMetricGroup(registry, Scope.JOBMANAGER, List.of(host, "jobmanager"), Map.of("host", host), "");
    }

    /** The group of a TaskManager. */
    public static ScopedMetricGroup taskManager(MetricRegistry registry, String host, String taskManagerId) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("host", host);
        variables.put("tm_id", taskManagerId);
        return new ScopedMetricGroup(registry, Scope.TASKMANAGER, List.of(host, "taskmanager", taskManagerId),
                variables, "");
    }

    /**
     * An operator's group that reports nowhere, for operators driven without a TaskManager (test
     * harnesses): its metrics count but are not registered.
     */
    public static ScopedMetricGroup unregistered(String operatorName) {
        return new ScopedMetricGroup(null, Scope.OPERATOR, List.of(operatorName), Map.of("operator_name", operatorName), "");
    }

    /** A TaskManager's group that reports nowhere, for TaskManagers driven without a process (tests). */
    public static ScopedMetricGroup unregisteredTaskManager(String taskManagerId) {
        return new ScopedMetricGroup(null, Scope.TASKMANAGER, List.of("taskmanager", taskManagerId),
                Map.of("tm_id", taskManagerId), "");
    }

    /** A job's group in the JobManager's group. */
    public ScopedMetricGroup job(String jobId, String jobName) {
        requireScope(Scope.JOBMANAGER);
        return child(Scope.JOB, Map.of("job_id", jobId, "job_name", jobName), List.of(jobName));
    }

    /** A subtask's group in a TaskManager's group. */
    public ScopedMetricGroup task(String jobId, String jobName, String vertexId, String taskName, int subtaskIndex,
            int attempt) {
        requireScope(Scope.TASKMANAGER);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("job_id", jobId);
        added.put("job_name", jobName);
        added.put("task_id", vertexId);
        added.put("task_name", taskName);
        added.put("subtask_index", Integer.toString(subtaskIndex));
        added.put("attempt", Integer.toString(attempt));
        return child(Scope.TASK, added, List.of(jobName, taskName, Integer.toString(subtaskIndex)));
    }

    /** An operator's group in its subtask's group. */
    public ScopedMetricGroup operator(String operatorId, String operatorName) {
        requireScope(Scope.TASK);
        Map<String, String> added = new LinkedHashMap<>();
        added.put("operator_id", operatorId);
        added.put("operator_name", operatorName);
        return child(Scope.OPERATOR, added, List.of(operatorName));
    }

    private void requireScope(Scope expected) {
        if (scope != expected || !namePrefix.isEmpty()) {
            throw new IllegalStateException("A " + expected + " group is needed here, this one is " + scope);
        }
    }

    private synchronized ScopedMetricGroup child(Scope childScope, Map<String, String> added, List<String> addedComponents) {
        Map<String, String> all = new LinkedHashMap<>(variables);
        all.putAll(added);
        List<String> childComponents = new ArrayList<>(components);
        childComponents.addAll(addedComponents);
        ScopedMetricGroup child = new ScopedMetricGroup(registry, childScope, childComponents, all, "");
        children.add(child);
        return child;
    }

    public Scope scope() {
        return scope;
    }

    public MetricRegistry registry() {
        return registry;
    }

    @Override
    public Counter counter(String name) {
        return counter(name, new io.eddy.runtime.metrics.Counter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        return register(name, counter);
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        return register(name, gauge);
    }

    @Override
    public Meter meter(String name) {
        return meter(name, new MeterView());
    }

    @Override
    public <M extends Meter> M meter(String name, M meter) {
        return register(name, meter);
    }

    @Override
    public Histogram histogram(String name) {
        return histogram(name, new ReservoirHistogram(DEFAULT_HISTOGRAM_SIZE));
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
        return register(name, histogram);
    }

    /** Registers {@code metric}, or returns the one registered under {@code name} before (same kind). */
    @SuppressWarnings("unchecked")
    private synchronized <M extends Metric> M register(String name, M metric) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A metric needs a name (in " + getMetricIdentifier("") + ")");
        }
        Metric existing = metrics.get(name);
        if (existing != null) {
            if (!existing.getClass().isInstance(metric)) {
                throw new IllegalArgumentException("Metric '" + getMetricIdentifier(name) + "' is registered already as a "
                        + existing.getClass().getSimpleName() + "; choose another name for this "
                        + metric.getClass().getSimpleName());
            }
            return (M) existing;
        }
        if (closed || registry == null) {
            return metric; // its scope ended (e.g. the subtask) or reports nowhere: the metric works, unreported
        }
        metrics.put(name, metric);
        registry.register(new RegisteredMetric(namePrefix + name, metric, this));
        return metric;
    }

    @Override
    public synchronized MetricGroup addGroup(String name) {
        return nested(name, null);
    }

    @Override
    public synchronized MetricGroup addGroup(String key, String value) {
        return nested(key, value);
    }

    private ScopedMetricGroup nested(String name, String value) {
        if (name == null || name.isBlank() || name.contains(".")) {
            throw new IllegalArgumentException("A metric group name must be non-empty and without '.', was '" + name + "'");
        }
        Map<String, String> all = new LinkedHashMap<>(variables);
        List<String> childComponents = new ArrayList<>(components);
        childComponents.add(name);
        if (value != null) {
            all.put(name, value);
            childComponents.add(value);
        }
        ScopedMetricGroup child = new ScopedMetricGroup(registry, scope, childComponents, all, namePrefix + name + ".");
        children.add(child);
        return child;
    }

    @Override
    public Map<String, String> getAllVariables() {
        return variables;
    }

    @Override
    public String getMetricIdentifier(String metricName) {
        return String.join(".", components) + "." + metricName;
    }

    /** Removes this group's metrics and those of the groups made from it from the registry. */
    public void close() {
        List<ScopedMetricGroup> nested;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            metrics.forEach((name, metric) -> registry.unregister(new RegisteredMetric(namePrefix + name, metric, this)));
            metrics.clear();
            nested = new ArrayList<>(children);
            children.clear();
        }
        nested.forEach(ScopedMetricGroup::close);
    }

    @Override
    public String toString() {
        return scope + variables.toString();
    }
}
