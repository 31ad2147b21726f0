package io.eddy.api.types;

import java.io.Serializable;

/** Reads and writes one field of a composite value (tuple, POJO, record); used by keyBy and the aggregations. */
public interface FieldAccessor<T, F> extends Serializable {
    F get(T value);

    /**
     * Returns a value with the field set: {@code value} itself, changed in place, for mutable types
     * (tuples, POJOs), or a new instance for immutable ones (records).
     */
    T set(T value, F field);

    TypeInfo<F> getFieldType();
}
