package io.eddy.runtime.state;

import io.eddy.api.state.State;

/** Applied to the state of each key by {@link KeyedStateBackend#applyToAllKeys}; the key is current meanwhile. */
@FunctionalInterface
public interface KeyedStateFunction<K, S extends State> {
    void process(K key, S state) throws Exception;
}
