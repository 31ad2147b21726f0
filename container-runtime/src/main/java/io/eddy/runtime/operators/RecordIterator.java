package io.eddy.runtime.operators;

import java.io.IOException;

/**
 * A pull-based input of records for batch operators (sorted output, spilled partitions, test inputs).
 * {@link #next(Object)} may deserialize into the given instance and return it, so a consumer that
 * keeps a record beyond the next call must copy it.
 */
public interface RecordIterator<T> {
    /** The next record, read into {@code reuse} where the type allows it (reuse may be null); null at the end. */
    T next(T reuse) throws IOException;
}
