package io.eddy.runtime.state;

import io.eddy.api.state.MapState;
import io.eddy.api.state.MapStateDescriptor;
import io.eddy.api.types.serializers.MapSerializer;
import io.eddy.api.types.serializers.TypeSerializer;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/** {@link MapState} on the heap: a {@code HashMap}, its values {@link TtlValue}s under time-to-live. */
final class HeapMapState<K, N, UK, UV> extends AbstractHeapState<K, N, Map<UK, Object>> implements MapState<UK, UV> {

    HeapMapState(HeapKeyedStateBackend<K> backend, MapStateDescriptor<UK, UV> descriptor,
            TypeSerializer<N> namespaceSerializer) {
        super(backend, descriptor, namespaceSerializer, new MapSerializer<>(backend.serializer(descriptor.getUserKeyType()),
                storedValues(descriptor, backend.serializer(descriptor.getUserValueType()))));
    }

    @Override
    @SuppressWarnings("unchecked")
    public UV get(UK key) {
        Map<UK, Object> stored = getStored(currentNamespace);
        Object value = stored == null ? null : stored.get(key);
        if (ttl == null || value == null) {
            return (UV) value;
        }
        TtlValue<UV> ttlValue = (TtlValue<UV>) value;
        long now = ttl.now();
        UV visible = ttl.read(ttlValue, now);
        if (ttl.isExpired(ttlValue, now)) {
            removeMapping(stored, key);
        }
        return visible;
    }

    @Override
    public void put(UK key, UV value) {
        Objects.requireNonNull(key, "Map state does not accept null keys");
        Objects.requireNonNull(value, "Map state does not accept null values");
        storedMap().put(key, toStored(value));
    }

    @Override
    public void putAll(Map<UK, UV> map) {
        Map<UK, Object> entries = new HashMap<>();
        map.forEach((key, value) -> entries.put(Objects.requireNonNull(key, "Map state does not accept null keys"),
                toStored(Objects.requireNonNull(value, "Map state does not accept null values"))));
        if (!entries.isEmpty()) {
            storedMap().putAll(entries);
        }
    }

    @Override
    public void remove(UK key) {
        Map<UK, Object> stored = getStored(currentNamespace);
        if (stored != null) {
            removeMapping(stored, key);
        }
    }

    @Override
    public boolean contains(UK key) {
        return get(key) != null;
    }

    @Override
    public Iterable<Map.Entry<UK, UV>> entries() {
        return visible().entrySet();
    }

    @Override
    public Iterable<UK> keys() {
        return visible().keySet();
    }

    @Override
    public Iterable<UV> values() {
        return visible().values();
    }

    @Override
    public Iterator<Map.Entry<UK, UV>> iterator() {
        return visible().entrySet().iterator();
    }

    @Override
    public boolean isEmpty() {
        return visible().isEmpty();
    }

    /** A read-only view of the mappings a read sees; under time-to-live a copy, and expired mappings are dropped. */
    @SuppressWarnings("unchecked")
    private Map<UK, UV> visible() {
        Map<UK, Object> stored = getStored(currentNamespace);
        if (stored == null) {
            return Map.of();
        }
        if (ttl == null) {
            return Collections.unmodifiableMap((Map<UK, UV>) (Map<UK, ?>) stored);
        }
        long now = ttl.now();
        Map<UK, UV> visible = new HashMap<>();
        for (Iterator<Map.Entry<UK, Object>> it = stored.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<UK, Object> mapping = it.next();
            TtlValue<UV> value = (TtlValue<UV>) mapping.getValue();
            UV seen = ttl.read(value, now);
            if (seen != null) {
                visible.put(mapping.getKey(), seen);
            }
            if (ttl.isExpired(value, now)) {
                it.remove();
            }
        }
        if (stored.isEmpty()) {
            removeStored(currentNamespace);
        }
        return Collections.unmodifiableMap(visible);
    }

    @Override
    boolean purgeExpired(Map<UK, Object> stored, long now) {
        stored.values().removeIf(value -> ttl.isExpired((TtlValue<?>) value, now));
        return stored.isEmpty();
    }

    private void removeMapping(Map<UK, Object> stored, UK key) {
        stored.remove(key);
        if (stored.isEmpty()) {
            removeStored(currentNamespace);
        }
    }

    private Map<UK, Object> storedMap() {
        Map<UK, Object> stored = getStored(currentNamespace);
        if (stored == null) {
            stored = new HashMap<>();
            putStored(currentNamespace, stored);
        }
        return stored;
    }
}
