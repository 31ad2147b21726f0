package io.eddy.runtime.state;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.memory.DataInputView;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.state.VoidNamespace;
import io.eddy.api.state.VoidNamespaceSerializer;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.keygroups.KeyGroupRange;

import java.io.IOException;
import java.util.Collection;
import java.util.Objects;

/**
 * Base of the heap states: one {@link StateMap} per key group of the backend's range, holding the
 * stored form {@code S} of each (key, namespace)'s content. Without time-to-live the stored form
 * is the user's value (or a list / map of them); with it, values are wrapped in {@link TtlValue}s
 * and every access first checks a few entries for expiry, walking all tables round-robin, so that
 * content of keys never touched again is reclaimed over time.
 *
 * <p>As {@link KeyGroupedContent} a state is snapshotted per key group: its tables hand their
 * copy-on-write views to the writer thread, which writes each entry as key, namespace and stored
 * value (time-to-live timestamps included).
 *
 * @param <S> the stored form of one (key, namespace)'s content
 */
abstract class AbstractHeapState<K, N, S> implements InternalKvState<K, N>, KeyGroupedContent {
    /** Buckets (empty or not) visited at most per entry to clean up, so that sparse tables cost little too. */
    private static final int CLEANUP_BUCKETS_PER_ENTRY = 4;

    final HeapKeyedStateBackend<K> backend;
    final StateDescriptor<?, ?> descriptor;
    /** Null when values never expire: the fast path everywhere. */
    final TtlPolicy ttl;
    private final TypeSerializer<N> namespaceSerializer;
    /** The serializer of the stored form: time-to-live wrappers included, so snapshots keep the access times. */
    private final TypeSerializer<S> storedSerializer;
    private final StateMap<K, N, S>[] maps;
    private final StateMap.Purger<S> purger = this::purgeExpired;
    N currentNamespace;
    private int cleanupMap;
    private int cleanupBucket;

    @SuppressWarnings("unchecked")
    AbstractHeapState(HeapKeyedStateBackend<K> backend, StateDescriptor<?, ?> descriptor,
            TypeSerializer<N> namespaceSerializer, TypeSerializer<S> storedSerializer) {
        this.backend = backend;
        this.descriptor = descriptor;
        this.ttl = descriptor.getTtlConfig() == null ? null : new TtlPolicy(descriptor.getTtlConfig(), backend.clock);
        this.namespaceSerializer = namespaceSerializer;
        this.storedSerializer = storedSerializer;
        this.maps = new StateMap[backend.getKeyGroupRange().size()];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = new StateMap<>(backend.versions, storedSerializer);
        }
        if (namespaceSerializer instanceof VoidNamespaceSerializer) {
            currentNamespace = (N) VoidNamespace.INSTANCE;
        }
    }

    /** The stored form of single values (or elements): the serializer itself, or wrapped for time-to-live. */
    @SuppressWarnings("unchecked")
    static TypeSerializer<Object> storedValues(StateDescriptor<?, ?> descriptor, TypeSerializer<?> values) {
        return (TypeSerializer<Object>) (descriptor.getTtlConfig() == null ? values : new TtlValueSerializer<>(values));
    }

    /**
     * Drops the expired parts of a stored content (elements of a list, entries of a map).
     *
     * @return true when nothing live remains and the whole entry is to be removed
     */
    abstract boolean purgeExpired(S stored, long now);

    /** Drops every entry of the key group at {@code index} of the backend's range. */
    final void clearKeyGroup(int index) {
        if (maps[index].size() > 0) {
            maps[index] = new StateMap<>(backend.versions, storedSerializer);
        }
    }

    @Override
    public final void setCurrentNamespace(N namespace) {
        currentNamespace = Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public final TypeSerializer<N> getNamespaceSerializer() {
        return namespaceSerializer;
    }

    @Override
    public final void forEachEntry(int keyGroup, StateEntryVisitor<K, N> visitor) throws Exception {
        KeyGroupRange range = backend.getKeyGroupRange();
        if (!range.contains(keyGroup)) {
            throw new IllegalArgumentException("Key group " + keyGroup + " is not in the range " + range.start()
                    + ".." + range.end() + " of this subtask");
        }
        maps[keyGroup - range.start()].forEach(visitor);
    }

    @Override
    public final String kind() {
        return descriptor.getClass().getSimpleName().replace("StateDescriptor", "");
    }

    @Override
    public final String format() {
        return descriptor.getType() + (ttl == null ? "" : " with time-to-live") + ", serializer "
                + storedSerializer.getClass().getName() + ", namespaces " + namespaceSerializer.getClass().getName();
    }

    /** O(key groups): each table hands over its current buckets; the backend has pinned their version. */
    @Override
    @SuppressWarnings("unchecked")
    public final Writer snapshot() {
        StateMap.Snapshot<K, N, S>[] tables = new StateMap.Snapshot[maps.length];
        for (int i = 0; i < maps.length; i++) {
            tables[i] = maps[i].snapshot();
        }
        // the writer thread's own serializers: some keep scratch state
        TypeSerializer<K> keys = backend.getKeySerializer().duplicate();
        TypeSerializer<N> namespaces = namespaceSerializer.duplicate();
        TypeSerializer<S> values = storedSerializer.duplicate();
        StateMap.EntryWriter<K, N, S> entryWriter = (key, namespace, value, out) -> {
            keys.serialize(key, out);
            namespaces.serialize(namespace, out);
            values.serialize(value, out);
        };
        int start = backend.getKeyGroupRange().start();
        return (keyGroup, out) -> tables[keyGroup - start].writeTo(out, entryWriter);
    }

    @Override
    public final void restore(int keyGroup, DataInputView in) throws IOException {
        StateMap<K, N, S> map = maps[keyGroup - backend.getKeyGroupRange().start()];
        TypeSerializer<K> keys = backend.getKeySerializer();
        for (int n = in.readInt(); n > 0; n--) {
            map.put(keys.deserialize(in), namespaceSerializer.deserialize(in), storedSerializer.deserialize(in));
        }
    }

    @Override
    public void clear() {
        removeStored(currentNamespace);
    }

    /** Number of (key, namespace) pairs with content, expired or not. */
    final int size() {
        int n = 0;
        for (StateMap<K, N, S> map : maps) {
            n += map.size();
        }
        return n;
    }

    final S getStored(N namespace) {
        return map().get(key(), namespace);
    }

    final void putStored(N namespace, S stored) {
        map().put(key(), namespace, stored);
    }

    final void removeStored(N namespace) {
        map().remove(key(), namespace);
    }

    /** The stored form of a value: itself, or wrapped with the current time when it can expire. */
    final Object toStored(Object value) {
        return ttl == null ? value : new TtlValue<>(value, ttl.now());
    }

    @SuppressWarnings("unchecked")
    final <T> T fromStored(Object stored) {
        return ttl == null ? (T) stored : ((TtlValue<T>) stored).value();
    }

    /**
     * Removes and returns the combined live contents of {@code target} and {@code sources} (target
     * first), or null when all are empty; the caller stores the result under {@code target}.
     */
    final S takeMerged(N target, Collection<N> sources, ReduceFunction<S> combine) throws Exception {
        S merged = takeLive(target);
        for (N source : sources) {
            if (source.equals(target)) {
                continue;
            }
            S content = takeLive(source);
            if (content != null) {
                merged = merged == null ? content : combine.reduce(merged, content);
            }
        }
        return merged;
    }

    private S takeLive(N namespace) {
        S stored = map().removeAndGet(key(), namespace);
        return stored == null || ttl == null || !purgeExpired(stored, ttl.now()) ? stored : null;
    }

    /** The table of the current key's group; with time-to-live, first checks a few entries for expiry. */
    private StateMap<K, N, S> map() {
        if (ttl != null && ttl.cleanupEntries > 0) {
            cleanupIncrementally();
        }
        return maps[backend.currentIndex];
    }

    private K key() {
        K key = backend.currentKey;
        if (key == null) {
            throw new IllegalStateException("No current key: keyed state is only accessible while processing "
                    + "an element of a keyed stream.");
        }
        return key;
    }

    private void cleanupIncrementally() {
        long now = ttl.now();
        int entries = ttl.cleanupEntries;
        for (int buckets = entries * CLEANUP_BUCKETS_PER_ENTRY; buckets > 0 && entries > 0; buckets--) {
            StateMap<K, N, S> map = maps[cleanupMap];
            if (cleanupBucket < map.bucketCount()) {
                entries -= map.purgeBucket(cleanupBucket++, purger, now);
            } else {
                cleanupBucket = 0;
                cleanupMap = cleanupMap + 1 == maps.length ? 0 : cleanupMap + 1;
            }
        }
    }
}
