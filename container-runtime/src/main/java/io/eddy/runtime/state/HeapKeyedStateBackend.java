package io.eddy.runtime.state;

import io.eddy.api.state.KeyGroupRange;
import io.eddy.api.state.KeyGroups;
import io.eddy.api.state.KeyedStateBackend;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.types.TypeSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keyed state as objects on the heap. Each state keeps one hash table per key group of the
 * subtask's range, so state can be written out and redistributed per key group. Setting the key
 * computes its key group once; a state access is then an array index and one hash lookup.
 *
 * <p>Used by the task thread only.
 */
public final class HeapKeyedStateBackend<K> implements KeyedStateBackend<K> {
    private final TypeSerializer<K> keySerializer;
    private final int maxParallelism;
    private final KeyGroupRange range;
    private final LongSupplier clock;
    private final Map<String, HeapState<?>> states = new HashMap<>();
    private K currentKey;
    private int currentKeyGroup;
    /** Index of the current key group within the range: the slot of each state's table array. */
    int currentIndex;

    public HeapKeyedStateBackend(TypeSerializer<K> keySerializer, int maxParallelism, KeyGroupRange range,
            LongSupplier clock) {
        this.keySerializer = keySerializer;
        this.maxParallelism = maxParallelism;
        this.range = range;
        this.clock = clock;
    }

    @Override
    public void setCurrentKey(K key) {
        int keyGroup = KeyGroups.assignToKeyGroup(key, maxParallelism);
        if (!range.contains(keyGroup)) {
            throw new IllegalStateException("Key " + key + " belongs to key group " + keyGroup + ", which this subtask "
                    + "(key groups " + range.start() + ".." + range.end() + ") does not own. The key selector must "
                    + "return the same key for the same element every time, and the key's hashCode must not depend "
                    + "on identity (e.g. enums, arrays) or mutable fields.");
        }
        currentKey = key;
        currentKeyGroup = keyGroup;
        currentIndex = keyGroup - range.start();
    }

    @Override
    public K getCurrentKey() {
        return currentKey;
    }

    @Override
    public int getCurrentKeyGroup() {
        return currentKeyGroup;
    }

    @Override
    public KeyGroupRange getKeyGroupRange() {
        return range;
    }

    public TypeSerializer<K> getKeySerializer() {
        return keySerializer;
    }

    LongSupplier clock() {
        return clock;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return (ValueState<T>) register(descriptor, () -> new HeapValueState<>(this, range.size()));
    }

    private HeapState<?> register(StateDescriptor<?> descriptor, java.util.function.Supplier<HeapState<?>> factory) {
        HeapState<?> existing = states.get(descriptor.getName());
        if (existing == null) {
            HeapState<?> created = factory.get();
            states.put(descriptor.getName(), created);
            created.descriptor = descriptor;
            return created;
        }
        if (existing.descriptor.getClass() != descriptor.getClass()
                || !existing.descriptor.getType().equals(descriptor.getType())) {
            throw new IllegalStateException("State '" + descriptor.getName() + "' was registered as "
                    + existing.descriptor.getClass().getSimpleName() + " of " + existing.descriptor.getType()
                    + " and cannot be used as " + descriptor.getClass().getSimpleName() + " of "
                    + descriptor.getType() + ": give each state its own name.");
        }
        return existing;
    }

    /** Number of keys holding a value in the named state. */
    public int numberOfKeys(String stateName) {
        HeapState<?> s = states.get(stateName);
        return s == null ? 0 : s.size();
    }

    @Override
    public void dispose() {
        states.clear();
    }

    /** Base of the heap states: per key group tables of key → value. */
    abstract static class HeapState<V> {
        final HeapKeyedStateBackend<?> backend;
        final HashMap<Object, V>[] tables;
        StateDescriptor<?> descriptor;

        @SuppressWarnings("unchecked")
        HeapState(HeapKeyedStateBackend<?> backend, int keyGroups) {
            this.backend = backend;
            this.tables = new HashMap[keyGroups];
            for (int i = 0; i < keyGroups; i++) {
                tables[i] = new HashMap<>();
            }
        }

        final HashMap<Object, V> table() {
            return tables[backend.currentIndex];
        }

        final Object key() {
            Object key = backend.currentKey;
            if (key == null) {
                throw new IllegalStateException("No current key: keyed state is only accessible while processing "
                        + "an element of a keyed stream.");
            }
            return key;
        }

        int size() {
            int n = 0;
            for (HashMap<Object, V> t : tables) {
                n += t.size();
            }
            return n;
        }
    }

    /** {@link ValueState} on the heap. */
    static final class HeapValueState<T> extends HeapState<T> implements ValueState<T> {
        HeapValueState(HeapKeyedStateBackend<?> backend, int keyGroups) {
            super(backend, keyGroups);
        }

        @Override
        public T value() {
            return table().get(key());
        }

        @Override
        public void update(T value) {
            if (value == null) {
                table().remove(key());
            } else {
                table().put(key(), value);
            }
        }

        @Override
        public void clear() {
            table().remove(key());
        }
    }
}
