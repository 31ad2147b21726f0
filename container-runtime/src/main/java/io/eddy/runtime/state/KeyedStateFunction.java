package io.eddy.runtime.state;

import io.eddy.api.state.State;

/** Applied to the state of each key by {@link KeyedStateBackendthere too, since container-runtime's tests cannot depend on test-utils.applyToAllKeys}; the key is current meanwhile. */
@FunctionalInterface
public interface KeyedStateFunction<K, S extends State> {
    void process(K key, S state) throws Exception;
}
