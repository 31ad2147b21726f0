package io.eddy.api.operators;

/** A timer of a keyed operator: fires for its key and namespace (e.g. a window) at its timestamp. */
public interface InternalTimer<K, N> {
    long getTimestamp();

    K getKey();

    N getNamespace();
}
