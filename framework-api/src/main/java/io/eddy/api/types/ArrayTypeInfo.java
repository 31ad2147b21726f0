package io.eddy.api.types;

import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.serializers.ObjectArraySerializer;
import io.eddy.api.types.serializers.PrimitiveArraySerializer;

import java.util.Objects;

/**
 * Arrays of primitives or objects. Arrays compare by identity in Java, so they cannot be keys.
 *
 * @param <A> the array class, e.g. {@code int[]} or {@code String[]}
 */
public final class ArrayTypeInfo<A> extends TypeInfo<A> {
    private static final long serialVersionUID = 1L;

    private final Class<A> arrayClass;
    private final TypeInfo<?> componentType;

    /** A primitive array type, e.g. {@code int[].class}. */
    ArrayTypeInfo(Class<A> arrayClass) {
        this(arrayClass, null);
    }

    ArrayTypeInfo(Class<A> arrayClass, TypeInfo<?> componentType) {
        this.arrayClass = arrayClass;
        this.componentType = componentType;
    }

    /** The element type of an object array; null for primitive arrays. */
    public TypeInfo<?> getComponentType() {
        return componentType;
    }

    @Override
    public Class<A> getTypeClass() {
        return arrayClass;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public TypeSerializer<A> createSerializer(SerializerConfig config) {
        if (componentType == null) {
            return new PrimitiveArraySerializer<>(arrayClass);
        }
        return (TypeSerializer<A>) new ObjectArraySerializer(componentType.getTypeClass(),
                componentType.createSerializer(config));
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public boolean serializesEqualValuesAlike() {
        return getComponentType().serializesEqualValuesAlike();
    }

    @Override
    public String toString() {
        return componentType == null ? arrayClass.getSimpleName() : componentType + "[]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayTypeInfo<?> a && a.arrayClass == arrayClass && Objects.equals(a.componentType, componentType);
    }

    @Override
    public int hashCode() {
        return arrayClass.hashCode();
    }
}
