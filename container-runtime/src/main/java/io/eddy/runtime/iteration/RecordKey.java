package io.eddy.runtime.iteration;

import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.FieldAccessor;
import io.eddy.api.types.TypeInfo;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The key of a record as an object with value equality: the field's value for a one-field key, a list
 * of the values for several. A solution set is keyed by it, and the records that look it up compute
 * their key the same way, so equal key values find each other whatever the records' types.
 */
final class RecordKey<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FieldAccessor<T, Object>[] fields;

    @SuppressWarnings("unchecked")
    RecordKey(TypeInfo<T> type, KeyFields keys) {
        fields = new FieldAccessor[keys.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = keys.byPosition() ? type.getFieldAccessor(keys.positions()[i]) : type.getFieldAccessor(keys.names()[i]);
        }
    }

    Object of(T record) {
        if (fields.length == 1) {
            return fields[0].get(record);
        }
        Object[] values = new Object[fields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields[i].get(record);
        }
        return Arrays.asList(values);
    }
}
