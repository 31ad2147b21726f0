package io.eddy.api.types;

import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.serializers.MapSerializer;

import java.util.Map;

/** A {@link Map} with known key and value types. */
public final class MapTypeInfo<K, V> extends TypeInfo<Map<K, V>> {
    private static final long serialVersionUID = 1L;

    private final TypeInfo<K> keyType;
    private final TypeInfo<V> valueType;

    MapTypeInfo(TypeInfo<K> keyType, TypeInfo<V> valueType) {
        this.keyType = keyType;
        this.valueType = valueType;
    }

    public TypeInfo<K> getKeyType() {
        return keyType;
    }

    public TypeInfo<V> getValueType() {
        return valueType;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<K, V>> getTypeClass() {
        return (Class) Map.class;
    }

    @Override
    public TypeSerializer<Map<K, V>> createSerializer(SerializerConfig config) {
        return new MapSerializer<>(keyType.createSerializer(config), valueType.createSerializer(config));
    }

    @Override
    public boolean isKeyType() {
        return keyType.isKeyType() && valueType.isKeyType();
    }

    @Override
    public boolean serializesEqualValuesAlike() {
        return false;
    }

    @Override
    public String toString() {
        return "Map<" + keyType + ", " + valueType + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapTypeInfo<?, ?> m && m.keyType.equals(keyType) && m.valueType.equals(valueType);
    }

    @Override
    public int hashCode() {
        return keyType.hashCode() * 31 + valueType.hashCode();
    }
}
