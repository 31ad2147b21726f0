package io.eddy.api.state;

import java.util.Map;

/** The broadcast state as the non-broadcast side sees it: readable, not writable. */
public interface ReadOnlyBroadcastState<K, V> {
    /** The value of {@code key}, or null. */
    V get(K key);

    boolean contains(K key);

    /** The entries, read-only; valid until the state is next changed. */
    Iterable<Map.Entry<K, V>> entries();

    int size();
}
