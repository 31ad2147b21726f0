package io.eddy.api.types;

import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.serializers.EnumSerializer;

/** An enum; a key type (enum hash codes vary between JVMs, so keys hash the constant's name). */
public final class EnumTypeInfo<E extends Enum<E>> extends TypeInfo<E> {
    private static final long serialVersionUID = 1L;

    private final Class<E> type;

    EnumTypeInfo(Class<E> type) {
        this.type = type;
    }

    @Override
    public Class<E> getTypeClass() {
        return type;
    }

    @Override
    public TypeSerializer<E> createSerializer(SerializerConfig config) {
        return new EnumSerializer<>(type);
    }

    /**
     * False: {@code Enum.hashCode()} is an identity hash that differs between JVMs, so records
     * would be routed inconsistently. Key by {@code name()} or {@code ordinal()} instead.
     */
    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return "Enum<" + type.getName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnumTypeInfo<?> e && e.type == type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }
}
