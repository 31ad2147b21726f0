package io.eddy.api.functions;

import io.eddy.api.types.FieldAccessor;

/**
 * Keys by one field of the element ({@code keyBy(position)}, {@code keyBy(name)}): the key is the
 * field's value object, never the element itself, so a runtime that reads the next element into the
 * same object leaves the keys it kept unchanged as long as it puts new field objects into it.
 */
public record FieldKeySelector<T>(FieldAccessor<T, Object> field) implements KeySelector<T, Object> {
    @Override
    public Object getKey(T value) {
        return field.get(value);
    }
}
