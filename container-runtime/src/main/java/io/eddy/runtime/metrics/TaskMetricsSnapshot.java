package io.eddy.runtime.metrics;

import java.io.Serializable;

/**
 * The figures of one subtask at one moment.
 *
 * @param recordsIn per chained operator, records it received
 * @param recordsOut per chained operator, records it emitted
 * @param backPressuredNanos total time the task waited for output buffers
 * @param runningNanos time since the task started running
 */
public record TaskMetricsSnapshot(
        long[] recordsIn,
        long[] recordsOut,
        long bytesIn,
        long bytesOut,
        long backPressuredNanos,
        long runningNanos) implements Serializable {

    public static TaskMetricsSnapshot empty(int operators) {
        return new TaskMetricsSnapshot(new long[operators], new long[operators], 0, 0, 0, 0);
    }
}
