package io.eddy.api.state;

/**
 * A map held by each subtask of a broadcast-connected operator, written only while processing
 * broadcast elements. Every subtask receives every broadcast element, so the copies stay equal as
 * long as the updates depend on the elements alone.
 */
public interface BroadcastState<K, V> extends ReadOnlyBroadcastState<K, V> {
    void put(K key, V value);

    void remove(K key);

    void clear();
}
