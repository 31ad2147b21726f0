package io.eddy.api.connector.source;

import io.eddy.api.metrics.MetricGroup;

/** What a reader knows about the subtask it runs in. */
public interface SourceReaderContext {
    /**
     * The name of a gauge of the records a reader still has to emit, registered in
     * {@link #metricGroup()} by readers that know it (a source's lag in records).
     */
    String PENDING_RECORDS = "pendingRecords";

    /** The name of a gauge of the bytes a reader still has to read, for readers that know it. */
    String PENDING_BYTES = "pendingBytes";

    int getIndexOfSubtask();

    int getParallelism();

    ClassLoader getUserCodeClassLoader();

    /**
     * The source subtask's metric group. A reader registers its lag here ({@link #PENDING_RECORDS},
     * {@link #PENDING_BYTES}); the gauges are read on the metrics thread while the reader runs, so
     * they read fields the reader writes without locking and may be a moment old.
     */
    MetricGroup metricGroup();
}
