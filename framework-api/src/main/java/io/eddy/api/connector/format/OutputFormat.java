package io.eddy.api.connector.format;

import java.io.Serializable;

/**
 * Where {@code DataSet.output(format)} writes: each parallel subtask opens its own copy of the format
 * with its index, writes its records and closes it, all in its task thread. A format that fails in
 * {@link #writeRecord} or {@link #close} fails the job.
 */
public interface OutputFormat<T> extends Serializable {
    /** Starts the output of subtask {@code taskNumber} of {@code numTasks}. */
    void open(int taskNumber, int numTasks) throws Exception;

    void writeRecord(T record) throws Exception;

    /** Ends the output once all records are written; also called after a failure. */
    void close() throws Exception;
}
