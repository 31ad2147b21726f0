package io.eddy.runtime.state;

import io.eddy.api.state.AggregatingState;
import io.eddy.api.state.AggregatingStateDescriptor;
import io.eddy.api.state.AppendingState;
import io.eddy.api.state.KeyGroups;
import io.eddy.api.state.ListState;
import io.eddy.api.state.ListStateDescriptor;
import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.state.ReducingState;
import io.eddy.api.state.ReducingStateDescriptor;
import io.eddy.api.state.State;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.state.ValueState;
import io.eddy.api.state.ValueStateDescriptor;
import io.eddy.api.state.VoidNamespace;
import io.eddy.api.state.VoidNamespaceSerializer;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.checkpoint.CheckpointStorage;
import io.eddy.runtime.checkpoint.KeyGroupsStateHandle;
import io.eddy.runtime.keygroups.KeyGroupRange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Keyed state as objects on the heap. Each state keeps one hash table per key group of the
 * subtask's range, from (key, namespace) to the content, so state can be written out and
 * redistributed per key group ({@link InternalKvState#forEachEntry}). Setting the key computes its
 * key group once; a state access is then an array index and one hash lookup.
 *
 * <p>The states of the {@link KeyedStateBackend} interface live in the {@link VoidNamespace}.
 * Operators that keep state per key and something else (window operators: per key and window)
 * get states with their own namespace type from {@link #getPartitionedState} or
 * {@link #getMergingState} and select the namespace with
 * {@link InternalKvState#setCurrentNamespace}.
 *
 * <p>Time-to-live is measured with the clock given to the constructor (processing time).
 *
 * <p>Checkpoints: {@link #snapshot} takes a copy-on-write view of all states and registered timer
 * services in O(key groups x states) and returns it as a {@link KeyedStateSnapshot}, which another
 * thread writes out while the task goes on ({@link CopyOnWriteVersions}, {@link StateMap}).
 * {@link #restore} reads the key groups of this backend's range from the files of an earlier run;
 * the contents are deserialized when their state or timer service is registered again.
 *
 * <p>Used by the task thread only, except that snapshots are written (and released) by another.
 */
public final class HeapKeyedStateBackend<K> implements CheckpointableKeyedStateBackend<K> {
    private final TypeSerializer<K> keySerializer;
    private final int maxParallelism;
    private final KeyGroupRange range;
    final LongSupplier clock;
    private final SerializerConfig serializerConfig;
    private final Map<String, AbstractHeapState<K, ?, ?>> states = new LinkedHashMap<>();
    private final Map<String, KeyGroupedContent> timerServices = new LinkedHashMap<>();
    /** Restored contents whose state or timer service is not registered again yet. */
    private final Map<String, RestoredContent> restoredStates = new HashMap<>();
    private final Map<String, RestoredContent> restoredTimers = new HashMap<>();
    final CopyOnWriteVersions versions = new CopyOnWriteVersions();
    K currentKey;
    private int currentKeyGroup;
    /** Index of the current key group within the range: the slot of each state's table array. */
    int currentIndex;

    public HeapKeyedStateBackend(TypeSerializer<K> keySerializer, int maxParallelism, KeyGroupRange range,
            LongSupplier clock) {
        this(keySerializer, maxParallelism, range, clock, new SerializerConfig());
    }

    /** @param serializerConfig makes the serializers that write the states' values into snapshots */
    public HeapKeyedStateBackend(TypeSerializer<K> keySerializer, int maxParallelism, KeyGroupRange range,
            LongSupplier clock, SerializerConfig serializerConfig) {
        this.serializerConfig = serializerConfig;
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

    @Override
    public TypeSerializer<K> getKeySerializer() {
        return keySerializer;
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return getPartitionedState(descriptor, VoidNamespaceSerializer.INSTANCE);
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
        return getPartitionedState(descriptor, VoidNamespaceSerializer.INSTANCE);
    }

    @Override
    public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor) {
        return getPartitionedState(descriptor, VoidNamespaceSerializer.INSTANCE);
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
        return getPartitionedState(descriptor, VoidNamespaceSerializer.INSTANCE);
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
            AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
        return getPartitionedState(descriptor, VoidNamespaceSerializer.INSTANCE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <N, S extends State> S getPartitionedState(StateDescriptor<S, ?> descriptor,
            TypeSerializer<N> namespaceSerializer) {
        AbstractHeapState<K, ?, ?> existing = states.get(descriptor.getName());
        if (existing == null) {
            AbstractHeapState<K, N, ?> created = create(descriptor, namespaceSerializer);
            restoreRegistered(restoredStates, descriptor.getName(), created);
            states.put(descriptor.getName(), created);
            return (S) created;
        }
        if (!sameState(existing, descriptor, namespaceSerializer)) {
            throw new IllegalStateException("State '" + descriptor.getName() + "' was registered as "
                    + describe(existing.descriptor, existing.getNamespaceSerializer()) + " and cannot be used as "
                    + describe(descriptor, namespaceSerializer) + ": give each state its own name.");
        }
        return (S) existing;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <N, IN, OUT> InternalMergingState<K, N, IN, OUT> getMergingState(
            StateDescriptor<? extends AppendingState<IN, OUT>, ?> descriptor, TypeSerializer<N> namespaceSerializer) {
        return (InternalMergingState<K, N, IN, OUT>) getPartitionedState(descriptor, namespaceSerializer);
    }

    private <N> AbstractHeapState<K, N, ?> create(StateDescriptor<?, ?> descriptor,
            TypeSerializer<N> namespaceSerializer) {
        if (descriptor instanceof ValueStateDescriptor<?> value) {
            return new HeapValueState<>(this, value, namespaceSerializer);
        }
        if (descriptor instanceof ListStateDescriptor<?> list) {
            return new HeapListState<>(this, list, namespaceSerializer);
        }
        if (descriptor instanceof MapStateDescriptor<?, ?> map) {
            return new HeapMapState<>(this, map, namespaceSerializer);
        }
        if (descriptor instanceof ReducingStateDescriptor<?> reducing) {
            return new HeapReducingState<>(this, reducing, namespaceSerializer);
        }
        if (descriptor instanceof AggregatingStateDescriptor<?, ?, ?> aggregating) {
            return new HeapAggregatingState<>(this, aggregating, namespaceSerializer);
        }
        throw new IllegalArgumentException("The heap state backend does not support "
                + descriptor.getClass().getName());
    }

    private static boolean sameState(AbstractHeapState<?, ?, ?> existing, StateDescriptor<?, ?> descriptor,
            TypeSerializer<?> namespaceSerializer) {
        return existing.descriptor.getClass() == descriptor.getClass()
                && existing.descriptor.getType().equals(descriptor.getType())
                && Objects.equals(existing.descriptor.getTtlConfig(), descriptor.getTtlConfig())
                && existing.getNamespaceSerializer().getClass() == namespaceSerializer.getClass();
    }

    private static String describe(StateDescriptor<?, ?> descriptor, TypeSerializer<?> namespaceSerializer) {
        return descriptor.getClass().getSimpleName() + " of " + descriptor.getType()
                + (descriptor.getTtlConfig() == null ? "" : " with " + descriptor.getTtlConfig())
                + (namespaceSerializer instanceof VoidNamespaceSerializer ? ""
                        : " in namespaces of " + namespaceSerializer.getClass().getSimpleName());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends State> void applyToAllKeys(StateDescriptor<S, ?> descriptor, KeyedStateFunction<K, S> function)
            throws Exception {
        S state = getPartitionedState(descriptor, VoidNamespaceSerializer.INSTANCE);
        // collect first: the function may change the tables
        List<K> keys = new ArrayList<>();
        for (int keyGroup = range.start(); keyGroup <= range.end(); keyGroup++) {
            ((InternalKvState<K, ?>) state).forEachEntry(keyGroup, (key, namespace, value) -> keys.add(key));
        }
        K previous = currentKey;
        try {
            for (K key : keys) {
                setCurrentKey(key);
                function.process(key, state);
            }
        } finally {
            if (previous == null) {
                currentKey = null;
            } else {
                setCurrentKey(previous);
            }
        }
    }

    <T> TypeSerializer<T> serializer(TypeInfo<T> type) {
        return type.createSerializer(serializerConfig);
    }

    /**
     * Makes the timers of a timer service part of this backend's snapshots, and restores the timers
     * a snapshot holds under {@code name} into it.
     */
    @Override
    public void registerTimerService(String name, KeyGroupedContent timers) {
        if (timerServices.putIfAbsent(name, timers) != null) {
            throw new IllegalStateException("A timer service named '" + name + "' is registered already");
        }
        restoreRegistered(restoredTimers, name, timers);
    }

    /**
     * The synchronous part of a checkpoint: a consistent view of every state and timer service,
     * taken in O(key groups x states) plus a copy of the timers. Until the view is written or
     * released, the task's first write to each older entry copies it.
     */
    @Override
    public KeyedStateSnapshot snapshot(long checkpointId) {
        int version = versions.pin();
        List<KeyedStateSnapshot.Part> parts = new ArrayList<>();
        states.forEach((name, state) -> parts.add(part(name, state)));
        restoredStates.values().forEach(restored -> parts.add(restored.asPart()));
        timerServices.forEach((name, timers) -> parts.add(part(name, timers)));
        restoredTimers.values().forEach(restored -> parts.add(restored.asPart()));
        return new KeyedStateSnapshot(checkpointId, range, parts, () -> versions.release(version));
    }

    private static KeyedStateSnapshot.Part part(String name, KeyGroupedContent content) {
        return new KeyedStateSnapshot.Part(name, content.kind(), content.format(), content.snapshot());
    }

    /**
     * Restores the key groups of this backend's range from keyed state files, e.g. those of all
     * subtasks of the run before a rescaling. States and timer services get their content when
     * they are registered (again).
     */
    @Override
    public void restore(List<KeyGroupsStateHandle> handles, CheckpointStorage storage) throws IOException {
        RestoredContent.read(handles, storage, range, restoredStates, restoredTimers);
        states.forEach((name, state) -> restoreRegistered(restoredStates, name, state));
        timerServices.forEach((name, timers) -> restoreRegistered(restoredTimers, name, timers));
    }

    private static void restoreRegistered(Map<String, RestoredContent> restored, String name,
            KeyGroupedContent content) {
        RestoredContent pending = restored.get(name);
        if (pending != null) {
            pending.restoreInto(content);
            restored.remove(name); // kept on a mismatch, for a registration that fits
        }
    }

    /** Number of (key, namespace) pairs holding content in the named state, including expired content not yet removed. */
    public int numberOfEntries(String stateName) {
        AbstractHeapState<K, ?, ?> state = states.get(stateName);
        return state == null ? 0 : state.size();
    }

    @Override
    public void clearCurrentKeyGroup() {
        for (AbstractHeapState<K, ?, ?> state : states.values()) {
            state.clearKeyGroup(currentIndex);
        }
    }

    @Override
    public void dispose() {
        states.clear();
        timerServices.clear();
        restoredStates.clear();
        restoredTimers.clear();
    }
}
