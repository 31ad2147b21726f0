package io.eddy.api.dataset;

import io.eddy.api.functions.KeySelector;
import io.eddy.api.functions.Partitioner;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.FieldAccessor;
import io.eddy.api.types.TypeInfo;

import java.util.Arrays;

/**
 * Hash partitioning on key fields, the ship strategy of grouped and joined DataSets: records whose key
 * fields are equal go to the same subtask, on both inputs of a join (the key values' own
 * {@code hashCode}, spread by a mix so that sequential keys do not line up with subtasks).
 */
final class KeyHashPartitioning {
    private KeyHashPartitioning() {}

    /** The key of a record: the field's value for one field, a list of the values for several. */
    static <T> KeySelector<T, Object> selector(TypeInfo<T> type, KeyFields keys) {
        FieldAccessor<T, Object>[] fields = accessors(type, keys);
        if (fields.length == 1) {
            return new OneField<>(fields[0]);
        }
        return new SeveralFields<>(fields);
    }

    static Partitioner<Object> partitioner() {
        return HASH;
    }

    private static final Partitioner<Object> HASH = new HashPartitioner();

    private static final class HashPartitioner implements Partitioner<Object> {
        @Override
        public int partition(Object key, int numPartitions) {
            int h = key.hashCode() * 0x9E3779B9;
            return Math.floorMod(h ^ (h >>> 16), numPartitions);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> FieldAccessor<T, Object>[] accessors(TypeInfo<T> type, KeyFields keys) {
        FieldAccessor<T, Object>[] fields = new FieldAccessor[keys.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = keys.byPosition() ? type.getFieldAccessor(keys.positions()[i]) : type.getFieldAccessor(keys.names()[i]);
        }
        return fields;
    }

    private record OneField<T>(FieldAccessor<T, Object> field) implements KeySelector<T, Object> {
        @Override
        public Object getKey(T value) {
            return field.get(value);
        }
    }

    private record SeveralFields<T>(FieldAccessor<T, Object>[] fields) implements KeySelector<T, Object> {
        @Override
        public Object getKey(T value) {
            Object[] key = new Object[fields.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = fields[i].get(value);
            }
            return Arrays.asList(key);
        }
    }
}
