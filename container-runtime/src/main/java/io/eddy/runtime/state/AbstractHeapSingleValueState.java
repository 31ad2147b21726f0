package io.eddy.runtime.state;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.state.StateDescriptor;
import io.eddy.api.types.serializers.TypeSerializer;

import java.util.Collection;

/** Base of the states holding one value per (key, namespace): value, reducing and aggregating state. */
abstract class AbstractHeapSingleValueState<K, N, V> extends AbstractHeapState<K, N, Object> {
    AbstractHeapSingleValueState(HeapKeyedStateBackend<K> backend, StateDescriptor<?, ?> descriptor,
            TypeSerializer<N> namespaceSerializer) {
        super(backend, descriptor, namespaceSerializer, storedValues(descriptor, backend.serializer(descriptor.getType())));
    }

    /** The current namespace's value as a read sees it under time-to-live; null if there is none. */
    @SuppressWarnings("unchecked")
    final V readValue() {
        Object stored = getStored(currentNamespace);
        if (ttl == null || stored == null) {
            return (V) stored;
        }
        TtlValue<V> value = (TtlValue<V>) stored;
        long now = ttl.now();
        V visible = ttl.read(value, now);
        if (ttl.isExpired(value, now)) {
            removeStored(currentNamespace);
        }
        return visible;
    }

    /** The value new input is combined with: an expired value counts as absent, whatever the visibility. */
    @SuppressWarnings("unchecked")
    final V liveValue() {
        Object stored = getStored(currentNamespace);
        if (ttl == null || stored == null) {
            return (V) stored;
        }
        TtlValue<V> value = (TtlValue<V>) stored;
        return ttl.isExpired(value, ttl.now()) ? null : value.value();
    }

    final void writeValue(V value) {
        putStored(currentNamespace, toStored(value));
    }

    /** Merges the namespaces' values with {@code combine}; for the merging states. */
    final void mergeValues(N target, Collection<N> sources, ReduceFunction<V> combine) throws Exception {
        Object merged = takeMerged(target, sources, (a, b) -> toStored(combine.reduce(fromStored(a), fromStored(b))));
        if (merged != null) {
            // re-wrapped: merging is a write, so the time-to-live restarts
            putStored(target, toStored(fromStored(merged)));
        }
    }

    @Override
    final boolean purgeExpired(Object stored, long now) {
        return ttl.isExpired((TtlValue<?>) stored, now);
    }
}
