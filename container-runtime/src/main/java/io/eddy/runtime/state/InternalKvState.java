package io.eddy.runtime.state;

import io.eddy.api.state.State;
import io.eddy.api.state.VoidNamespace;
import io.eddy.api.types.serializers.TypeSerializer;

/**
 * The runtime's view of a keyed state: its content lives per (key, namespace). The backend's
 * current key and the state's current namespace select what the user-facing methods read and
 * write. User state uses the {@link VoidNamespace}; window operators set the window.
 *
 * @param <K> type of the key
 * @param <N> type of the namespace
 */
public interface InternalKvState<K, N> extends State {
    /** Scopes the following accesses to {@code namespace} (for the current key). */
    void setCurrentNamespace(N namespace);

    TypeSerializer<N> getNamespaceSerializer();

    /**
     * Visits every (key, namespace) with content in one key group of this subtask, in no
     * particular order. The visitor must not change the state.
     *
     * @throws IllegalArgumentException when the key group is not in the backend's range
     */
    void forEachEntry(int keyGroup, StateEntryVisitor<K, N> visitor) throws Exception;
}
