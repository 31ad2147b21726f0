package io.eddy.api.types;

import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import java.util.Objects;

/** Boxed primitives, String and Void: immutable, usable as keys, with a shared stateless serializer. */
public final class BasicTypeInfo<T> extends TypeInfo<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final TypeSerializer<T> serializer;

    BasicTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }

    @Override
    public boolean isKeyType() {
        return type != Void.class;
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BasicTypeInfo<?> b && b.type == type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type);
    }
}
