package io.eddy.api.types;

import io.eddy.api.types.serializers.SerializerConfig;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.serializers.ListSerializer;

import java.util.List;

/** A {@link List} with a known element type. */
public final class ListTypeInfo<E> extends TypeInfo<List<E>> {
    private static final long serialVersionUID = 1L;

    private final TypeInfo<E> elementType;

    ListTypeInfo(TypeInfo<E> elementType) {
        this.elementType = elementType;
    }

    public TypeInfo<E> getElementType() {
        return elementType;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<List<E>> getTypeClass() {
        return (Class) List.class;
    }

    @Override
    public TypeSerializer<List<E>> createSerializer(SerializerConfig config) {
        return new ListSerializer<>(elementType.createSerializer(config));
    }

    @Override
    public boolean isKeyType() {
        return elementType.isKeyType();
    }

    @Override
    public boolean serializesEqualValuesAlike() {
        return elementType.serializesEqualValuesAlike();
    }

    @Override
    public String toString() {
        return "List<" + elementType + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListTypeInfo<?> l && l.elementType.equals(elementType);
    }

    @Override
    public int hashCode() {
        return elementType.hashCode() + 7;
    }
}
