package io.eddy.runtime.metrics;

import io.eddy.api.metrics.Metric;

/**
 * A metric with where it is registered.
 *
 * @param name its name within the group, including the names of nested user groups (dot-separated)
 */
public record RegisteredMetric(String name, Metric metric, ScopedMetricGroup group) {
    /** The full dotted name: the group's scope components and the name. */
    public String identifier() {
        return group.getMetricIdentifier(name);
    }
}
