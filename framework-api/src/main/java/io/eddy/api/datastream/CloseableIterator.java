package io.eddy.api.datastream;

import java.util.Iterator;

/** An iterator over a job's results; closing it releases the job. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
    @Override
    void close() throws Exception;
}
