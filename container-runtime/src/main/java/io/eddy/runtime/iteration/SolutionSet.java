package io.eddy.runtime.iteration;

import java.util.function.Consumer;

/**
 * One subtask's part of a delta iteration's solution set: at most one record per key. Built and
 * updated by the head between supersteps, looked up by the step function's solution set joins during
 * a superstep; never both at once (see {@link SubtaskIteration}).
 */
interface SolutionSet extends AutoCloseable {
    /** Adds {@code record}, replacing the record of equal key. */
    void upsert(Object record) throws Exception;

    /** The record of key {@code key} (as {@link RecordKey} computes it), or null. */
    Object get(Object key) throws Exception;

    /** Calls {@code action} with every record; afterwards the set may be empty (it is read once, at the end). */
    void forEach(Consumer<Object> action) throws Exception;

    long size();

    @Override
    void close();
}
