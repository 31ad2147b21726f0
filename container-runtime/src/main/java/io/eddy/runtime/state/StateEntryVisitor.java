package io.eddy.runtime.state;

/** Receives the entries of a state table, e.g. to write one key group of a snapshot. */
@FunctionalInterface
public interface StateEntryVisitor<K, N> {
    /**
     * @param value the content as stored: the value, the accumulator, a {@code List} of elements
     *     or a {@code Map}; with time-to-live each value, element or map value is wrapped with its
     *     timestamp by the backend
     */
    void visit(K key, N namespace, Object value) throws Exception;
}
