package io.eddy.api.connector.sink;

import java.io.Serializable;

/**
 * The one interface for writing a job's results out. Each parallel subtask creates its own
 * {@link SinkWriter}. A sink is serialized with the job and must be {@link Serializable}.
 */
public interface Sink<T> extends Serializable {
    SinkWriter<T> createWriter(SinkContext context) throws Exception;
}
