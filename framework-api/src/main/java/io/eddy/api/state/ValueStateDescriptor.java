package io.eddy.api.state;

import io.eddy.api.types.TypeExtractor;
import io.eddy.api.types.TypeInfo;

/** Describes a {@link ValueState}. */
public final class ValueStateDescriptor<T> extends StateDescriptor<ValueState<T>, T> {
    private static final long serialVersionUID = 1L;

    public ValueStateDescriptor(String name, TypeInfo<T> type) {
        super(name, type);
    }

    public ValueStateDescriptor(String name, Class<T> type) {
        super(name, TypeExtractor.forClass(type));
    }
}
