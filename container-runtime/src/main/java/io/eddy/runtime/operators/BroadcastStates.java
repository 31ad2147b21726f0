package io.eddy.runtime.operators;

import io.eddy.api.functions.process.BroadcastStateAccess;
import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.OperatorStateStore;
import io.eddy.api.state.ReadOnlyBroadcastState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The broadcast states a broadcast-connected operator declared, writable for the broadcast side
 * and through read-only views for the other. The views are made once, not per access.
 */
final class BroadcastStates implements BroadcastStateAccess {
    private final Map<String, BroadcastState<?, ?>> writable = new HashMap<>();
    private final Map<String, ReadOnlyBroadcastState<?, ?>> readOnly = new HashMap<>();

    BroadcastStates(OperatorStateStore store, List<MapStateDescriptor<?, ?>> declared) {
        for (MapStateDescriptor<?, ?> descriptor : declared) {
            BroadcastState<?, ?> state = store.getBroadcastState(descriptor);
            writable.put(descriptor.getName(), state);
            readOnly.put(descriptor.getName(), new ReadOnlyView<>(state));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> BroadcastState<K, V> writable(MapStateDescriptor<K, V> descriptor) {
        return (BroadcastState<K, V>) lookup(writable, descriptor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> ReadOnlyBroadcastState<K, V> readOnly(MapStateDescriptor<K, V> descriptor) {
        return (ReadOnlyBroadcastState<K, V>) lookup(readOnly, descriptor);
    }

    private static <S> S lookup(Map<String, S> states, MapStateDescriptor<?, ?> descriptor) {
        S state = states.get(descriptor.getName());
        if (state == null) {
            throw new IllegalArgumentException("Broadcast state '" + descriptor.getName() + "' was not declared: "
                    + "pass its descriptor to broadcast(...). Declared: " + states.keySet());
        }
        return state;
    }

    /** Hides the writing methods, so that a cast cannot get round the read-only contract. */
    private record ReadOnlyView<K, V>(ReadOnlyBroadcastState<K, V> state) implements ReadOnlyBroadcastState<K, V> {
        @Override
        public V get(K key) {
            return state.get(key);
        }

        @Override
        public boolean contains(K key) {
            return state.contains(key);
        }

        @Override
        public Iterable<Map.Entry<K, V>> entries() {
            return state.entries();
        }

        @Override
        public int size() {
            return state.size();
        }
    }
}
