package io.eddy.runtime.state;

import io.eddy.api.state.BroadcastState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.OperatorListState;
import io.eddy.api.state.OperatorStateStore;
import io.eddy.api.state.StateDescriptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Operator state as objects on the heap, one store per operator and subtask. List states remember
 * how they are redistributed ({@link ListStateDistribution}) for when checkpoints restore them at
 * another parallelism.
 *
 * <p>Used by the task thread only.
 */
public final class HeapOperatorStateStore implements OperatorStateStore {
    private final Map<String, Registered> states = new HashMap<>();

    @Override
    public <T> OperatorListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return listState(descriptor, ListStateDistribution.EVEN_SPLIT);
    }

    @Override
    public <T> OperatorListState<T> getUnionListState(ListStateDescriptor<T> descriptor) {
        return listState(descriptor, ListStateDistribution.UNION);
    }

    @SuppressWarnings("unchecked")
    private <T> OperatorListState<T> listState(ListStateDescriptor<T> descriptor, ListStateDistribution distribution) {
        return (OperatorListState<T>) register(descriptor, distribution, HeapListState::new);
    }

    /** The broadcast state; it has no distribution as every subtask holds an equal copy. */
    @Override
    @SuppressWarnings("unchecked")
    public <K, V> BroadcastState<K, V> getBroadcastState(MapStateDescriptor<K, V> descriptor) {
        return (BroadcastState<K, V>) register(descriptor, null, HeapBroadcastState::new);
    }

    private Object register(StateDescriptor<?, ?> descriptor, ListStateDistribution distribution,
            Supplier<Object> factory) {
        Registered existing = states.get(descriptor.getName());
        if (existing == null) {
            Registered created = new Registered(descriptor, distribution, factory.get());
            states.put(descriptor.getName(), created);
            return created.state;
        }
        if (existing.descriptor.getClass() != descriptor.getClass()
                || !existing.descriptor.getType().equals(descriptor.getType())
                || existing.distribution != distribution) {
            throw new IllegalStateException("Operator state '" + descriptor.getName() + "' was registered as "
                    + describe(existing.descriptor, existing.distribution) + " and cannot be used as "
                    + describe(descriptor, distribution) + ": give each state its own name.");
        }
        return existing.state;
    }

    private static String describe(StateDescriptor<?, ?> descriptor, ListStateDistribution distribution) {
        return descriptor.getClass().getSimpleName() + " of " + descriptor.getType()
                + (distribution == null ? "" : " (" + distribution + ")");
    }

    private record Registered(StateDescriptor<?, ?> descriptor, ListStateDistribution distribution, Object state) {}

    /** {@link OperatorListState} on the heap. */
    static final class HeapListState<T> implements OperatorListState<T> {
        private final List<T> elements = new ArrayList<>();
        private final List<T> readOnly = Collections.unmodifiableList(elements);

        @Override
        public Iterable<T> get() {
            return readOnly;
        }

        @Override
        public void add(T value) {
            elements.add(checkNotNull(value));
        }

        @Override
        public void addAll(List<T> values) {
            values.forEach(this::add);
        }

        @Override
        public void update(List<T> values) {
            elements.clear();
            addAll(values);
        }

        @Override
        public void clear() {
            elements.clear();
        }

        private static <T> T checkNotNull(T value) {
            if (value == null) {
                throw new NullPointerException("Operator list state does not accept null elements");
            }
            return value;
        }
    }

    /** {@link BroadcastState} on the heap. */
    static final class HeapBroadcastState<K, V> implements BroadcastState<K, V> {
        private final Map<K, V> map = new HashMap<>();
        private final Iterable<Map.Entry<K, V>> entries = Collections.unmodifiableMap(map).entrySet();

        @Override
        public V get(K key) {
            return map.get(key);
        }

        @Override
        public boolean contains(K key) {
            return map.containsKey(key);
        }

        @Override
        public Iterable<Map.Entry<K, V>> entries() {
            return entries;
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public void put(K key, V value) {
            map.put(key, value);
        }

        @Override
        public void remove(K key) {
            map.remove(key);
        }

        @Override
        public void clear() {
            map.clear();
        }
    }
}
