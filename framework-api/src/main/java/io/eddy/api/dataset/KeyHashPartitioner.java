package io.eddy.api.dataset;

import io.eddy.api.partitioning.StreamPartitioner;
import io.eddy.api.transformations.KeyFields;
import io.eddy.api.types.FieldAccessor;
import io.eddy.api.types.TypeInfo;

import java.util.Arrays;

/**
 * Hash partitioning on key fields, the exchange of grouped, joined and co-grouped DataSets and of
 * {@code partitionByHash}: records whose key fields are equal go to the same subtask, on both inputs of
 * a join. The channel depends only on the key values (their own {@code hashCode}, spread by a mix so
 * that sequential keys do not line up with subtasks) and the number of channels, so data already
 * partitioned this way on the same keys and parallelism needs no second shuffle: the batch optimizer
 * turns such an exchange into a forward one ({@link #keys()} tells it what the partitioning is).
 *
 * <p>{@code keys} null means the whole record is the key ({@code distinct}).
 */
public final class KeyHashPartitioner<T> extends StreamPartitioner<T> {
    private static final long serialVersionUID = 1L;

    private final KeyFields keys;
    private final FieldAccessor<T, Object>[] fields;

    KeyHashPartitioner(TypeInfo<T> type, KeyFields keys) {
        this.keys = keys;
        this.fields = keys == null ? null : accessors(type, keys);
    }

    /** The key fields, or null when the whole record is the key. */
    public KeyFields keys() {
        return keys;
    }

    /** True when both partition equal keys of the same type to the same channel. */
    public boolean samePartitioning(KeyHashPartitioner<?> other) {
        return keys == null ? other.keys == null : other.keys != null && sameFields(keys, other.keys);
    }

    static boolean sameFields(KeyFields a, KeyFields b) {
        return Arrays.equals(a.positions(), b.positions()) && Arrays.equals(a.names(), b.names());
    }

    @Override
    public int selectChannel(T record) {
        int h = keyHash(record) * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), numberOfChannels);
    }

    /** The hash of the key, as {@code Arrays.asList(values).hashCode()} would give it, without the list. */
    private int keyHash(T record) {
        if (fields == null) {
            return record.hashCode();
        }
        if (fields.length == 1) {
            return fields[0].get(record).hashCode();
        }
        int h = 1;
        for (FieldAccessor<T, Object> field : fields) {
            Object value = field.get(record);
            h = 31 * h + (value == null ? 0 : value.hashCode());
        }
        return h;
    }

    @Override
    public String name() {
        return "HASH";
    }

    @Override
    public String toString() {
        return keys == null ? "HASH(record)" : "HASH" + keys;
    }

    @SuppressWarnings("unchecked")
    static <T> FieldAccessor<T, Object>[] accessors(TypeInfo<T> type, KeyFields keys) {
        FieldAccessor<T, Object>[] fields = new FieldAccessor[keys.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = keys.byPosition() ? type.getFieldAccessor(keys.positions()[i]) : type.getFieldAccessor(keys.names()[i]);
        }
        return fields;
    }
}
