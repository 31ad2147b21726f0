package io.eddy.api.state;

import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;
import io.eddy.api.types.Types;

import java.util.List;

/** Describes state holding a list of elements, such as an {@link OperatorListState}; the stored type is the list. */
public final class ListStateDescriptor<T> extends StateDescriptor<List<T>> {
    private static final long serialVersionUID = 1L;

    private final TypeInfo<T> elementType;

    public ListStateDescriptor(String name, TypeInfo<T> elementType) {
        super(name, Types.LIST(elementType));
        this.elementType = elementType;
    }

    public ListStateDescriptor(String name, Class<T> elementType) {
        this(name, TypeExtractor.forClass(elementType));
    }

    public TypeInfo<T> getElementType() {
        return elementType;
    }
}
