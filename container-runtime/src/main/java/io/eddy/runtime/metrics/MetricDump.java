package io.eddy.runtime.metrics;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;

/**
 * The values of some metrics of a process at one moment, as text: what a TaskManager answers the
 * JobManager's REST API with.
 */
public record MetricDump(List<Entry> entries) implements Serializable {
    /** One value; {@code variables} are those of its group (a plain map so that it serializes anywhere). */
    public record Entry(Scope scope, HashMap<String, String> variables, String name, String value)
            implements Serializable {}
}
