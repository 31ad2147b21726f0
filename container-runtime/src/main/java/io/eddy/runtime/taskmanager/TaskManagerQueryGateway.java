package io.eddy.runtime.taskmanager;

import io.eddy.runtime.logs.ProcessLogs;
import io.eddy.runtime.metrics.MetricDump;

import java.util.concurrent.CompletableFuture;

/**
 * What the JobManager's REST API asks a TaskManager for on behalf of a user: its metrics and its
 * process's log files. A TaskManager in this JVM answers at once; one in another process over RPC.
 */
public interface TaskManagerQueryGateway {
    /** The current values of this TaskManager's metrics and those of its running subtasks. */
    CompletableFuture<MetricDump> queryMetrics();

    /** The last {@code maxBytes} of the TaskManager process's log or stdout file. */
    CompletableFuture<ProcessLogs.Chunk> readLog(ProcessLogs.Kind kind, long maxBytes);
}
