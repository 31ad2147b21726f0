package io.eddy.runtime.iteration;

import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.FieldAccessor;
import io.eddy.api.types.TypeInfo;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The key of a record as an object with value equality: the field's value for a one-field key, the
 * values for several. A solution set is keyed by it, and the records that look it up compute
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

    /**
     * The hash of a key as {@link #of} returns it, equal to the hash the key fields' comparator
     * ({@code Comparators.fields}) gives a record with these key values, whatever the record's type:
     * so a record of another type finds its key in a table hashed by that comparator.
     */
    static int hash(Object key) {
        if (key instanceof KeyValues values) {
            int h = 0;
            for (Object value : values.values()) {
                h = 31 * h + value.hashCode();
            }
            return h;
        }
        return key.hashCode();
    }

    /** The values of a key of several fields, equal when all values are. */
    record KeyValues(List<Object> values) {}

    Object of(T record) {
        if (fields.length == 1) {
            return fields[0].get(record);
        }
        Object[] values = new Object[fields.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields[i].get(record);
        }
        return new KeyValues(Arrays.asList(values));
    }
}
