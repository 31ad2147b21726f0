package io.eddy.api.connector.sink;

/** Writes the records of one parallel subtask. All methods run in the task thread. */
public interface SinkWriter<T> extends AutoCloseable {
    /** @param timestamp the record's event timestamp, or {@code Long.MIN_VALUE} if it has none */
    void write(T element, long timestamp) throws Exception;

    /** Makes written records durable/visible; {@code endOfInput} is true once, after the last record. */
    default void flush(boolean endOfInput) throws Exception {}

    /** Releases resources; also called after a failure, possibly without a preceding flush. */
    @Override
    void close() throws Exception;
}
