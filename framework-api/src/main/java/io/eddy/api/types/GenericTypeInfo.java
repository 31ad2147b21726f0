package io.eddy.api.types;

import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.serializers.KryoSerializer;

/**
 * Any other class, serialized by Kryo. Slower and larger than the dedicated serializers; turn
 * the fallback into an error with {@link SerializerConfig#disableGenericTypes()} to find such types.
 */
public final class GenericTypeInfo<T> extends TypeInfo<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    GenericTypeInfo(Class<T> type) {
        this.type = type;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        if (config.isGenericTypesDisabled()) {
            throw new InvalidTypesException("Type " + type.getName() + " would be serialized by Kryo, but generic "
                    + "types are disabled. Make it a POJO (public, public no-argument constructor, fields public or "
                    + "with getters and setters) or a record, or register a Kryo serializer and enable generic types.");
        }
        return new KryoSerializer<>(type, config);
    }

    @Override
    public boolean isKeyType() {
        return !type.isArray() && TypeExtractor.overridesHashCode(type);
    }

    @Override
    public boolean serializesEqualValuesAlike() {
        return false;
    }

    @Override
    public String toString() {
        return "Generic<" + type.getName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenericTypeInfo<?> g && g.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }
}
