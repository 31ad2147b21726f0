package io.eddy.api.connector.source;

/**
 * Where a {@link SourceReader} emits. A call may block while the job is back-pressured; it
 * returns once the record is handed on.
 */
public interface SourceOutput<T> {
    void collect(T record);

    /** Emits a record with an event timestamp in epoch milliseconds. */
    void collect(T record, long timestamp);
}
