package io.eddy.api.types.serializers;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps as a size and entries (keys non-null, values behind a null flag); read back as {@link LinkedHashMap}. */
public final class MapSerializer<K, V> extends TypeSerializer<Map<K, V>> {
    private static final long serialVersionUID = 1L;

    private final TypeSerializer<K> keys;
    private final TypeSerializer<V> values;

    public MapSerializer(TypeSerializer<K> keys, TypeSerializer<V> values) {
        this.keys = keys;
        this.values = values;
    }

    @Override
    public TypeSerializer<Map<K, V>> duplicate() {
        TypeSerializer<K> k = keys.duplicate();
        TypeSerializer<V> v = values.duplicate();
        return k == keys && v == values ? this : new MapSerializer<>(k, v);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Map<K, V> createInstance() {
        return new LinkedHashMap<>();
    }

    @Override
    public Map<K, V> copy(Map<K, V> from) {
        Map<K, V> copy = new LinkedHashMap<>(Math.max(16, from.size() * 2));
        for (Map.Entry<K, V> e : from.entrySet()) {
            copy.put(keys.copy(e.getKey()), e.getValue() == null ? null : values.copy(e.getValue()));
        }
        return copy;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Map<K, V> record, DataOutputView target) throws IOException {
        VarInts.write(record.size(), target);
        for (Map.Entry<K, V> e : record.entrySet()) {
            if (e.getKey() == null) {
                throw new IOException("Maps with null keys cannot be serialized");
            }
            keys.serialize(e.getKey(), target);
            target.writeBoolean(e.getValue() != null);
            if (e.getValue() != null) {
                values.serialize(e.getValue(), target);
            }
        }
    }

    @Override
    public Map<K, V> deserialize(DataInputView source) throws IOException {
        int n = VarInts.read(source);
        Map<K, V> map = new LinkedHashMap<>(Math.max(16, n * 2));
        for (int i = 0; i < n; i++) {
            K k = keys.deserialize(source);
            map.put(k, source.readBoolean() ? values.deserialize(source) : null);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapSerializer<?, ?> m && m.keys.equals(keys) && m.values.equals(values);
    }

    @Override
    public int hashCode() {
        return keys.hashCode() * 31 + values.hashCode();
    }
}
