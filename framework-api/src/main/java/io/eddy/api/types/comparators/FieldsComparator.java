package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.types.FieldAccessor;
import io.eddy.api.types.serializers.TypeSerializer;

import java.io.IOException;
import java.util.StringJoiner;

/**
 * Tuples, POJOs and records keyed by some of their fields, each atomic and ascending or descending;
 * keys compare field by field in the order given. The normalized key concatenates the fields' keys
 * up to and including the first variable-length one (a string), which takes the remaining bytes.
 * Key fields must not be null.
 *
 * <p>Serialized values are compared after deserializing them into two scratch instances, which makes
 * an instance single-threaded: use {@link #duplicate()} per thread.
 */
public final class FieldsComparator<T> extends TypeComparator<T> {
    private static final long serialVersionUID = 1L;

    private final String typeName;
    private final String[] fieldNames;
    private final FieldAccessor<T, Object>[] fields;
    private final AtomicComparator<Object>[] comparators;
    private final TypeSerializer<T> serializer;
    /** The key fields' positions in the serialized form ({@link TypeSerializer#fixedFieldOffset}), or null when named. */
    private final int[] positions;
    /** Sum of the fields' key lengths up to the first variable-length one, which makes it MAX_VALUE. */
    private final int normalizedKeyLength;

    private transient T scratchFirst;
    private transient T scratchSecond;

    FieldsComparator(String typeName, String[] fieldNames, FieldAccessor<T, Object>[] fields,
            AtomicComparator<Object>[] comparators, TypeSerializer<T> serializer, int[] positions) {
        this.typeName = typeName;
        this.positions = positions;
        this.fieldNames = fieldNames;
        this.fields = fields;
        this.comparators = comparators;
        this.serializer = serializer;
        long length = 0;
        for (AtomicComparator<Object> c : comparators) {
            length += c.getNormalizedKeyLength();
        }
        this.normalizedKeyLength = (int) Math.min(length, Integer.MAX_VALUE);
    }

    private Object field(T record, int i) {
        Object value = fields[i].get(record);
        if (value == null) {
            throw new NullPointerException("Key field '" + fieldNames[i] + "' of " + typeName + " is null in " + record
                    + ": keys cannot be null. Filter out such values or replace the null before grouping, sorting or joining.");
        }
        return value;
    }

    @Override
    public int hash(T record) {
        int h = 0;
        for (int i = 0; i < fields.length; i++) {
            h = 31 * h + comparators[i].hash(field(record, i));
        }
        return h;
    }

    @Override
    public int compare(T first, T second) {
        for (int i = 0; i < fields.length; i++) {
            int c = comparators[i].compare(field(first, i), field(second, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equalKeys(T first, T second) {
        for (int i = 0; i < fields.length; i++) {
            if (!comparators[i].equalKeys(field(first, i), field(second, i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareSerialized(DataInputView first, DataInputView second) throws IOException {
        if (scratchFirst == null) {
            scratchFirst = serializer.createInstance();
            scratchSecond = serializer.createInstance();
        }
        T a = scratchFirst == null ? serializer.deserialize(first) : serializer.deserialize(scratchFirst, first);
        T b = scratchSecond == null ? serializer.deserialize(second) : serializer.deserialize(scratchSecond, second);
        return compare(a, b);
    }

    /** The fields' key bytes one after the other: each delimits itself, so the concatenation does too. */
    @Override
    public boolean supportsKeyBytes() {
        return true;
    }

    @Override
    public void writeKeyBytes(T record, DataOutputView target) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            comparators[i].writeKeyBytes(field(record, i), target);
        }
    }

    @Override
    public boolean supportsNormalizedKey() {
        return true;
    }

    @Override
    public int getNormalizedKeyLength() {
        return normalizedKeyLength;
    }

    @Override
    public void putNormalizedKey(T record, MemorySegment target, int offset, int numBytes) {
        int remaining = numBytes;
        for (int i = 0; i < fields.length && remaining > 0; i++) {
            int length = Math.min(comparators[i].getNormalizedKeyLength(), remaining);
            comparators[i].putNormalizedKey(field(record, i), target, offset, length);
            offset += length;
            remaining -= length;
        }
        if (remaining > 0) {
            target.fill(offset, remaining, (byte) 0);
        }
    }

    /** Each key field read where the serializer puts it at a fixed place, when every field's is. */
    @Override
    public boolean putNormalizedKeySerialized(MemorySegment record, int offset, int length, MemorySegment target,
            int targetOffset, int numBytes) {
        if (positions == null) {
            return false;
        }
        int remaining = numBytes;
        for (int i = 0; i < positions.length && remaining > 0; i++) {
            int keyLength = Math.min(comparators[i].getNormalizedKeyLength(), remaining);
            int at = serializer.fixedFieldOffset(positions[i], record, offset, length);
            if (at < 0 || !comparators[i].putNormalizedKeySerialized(record, at, target, targetOffset, keyLength)) {
                return false;
            }
            targetOffset += keyLength;
            remaining -= keyLength;
        }
        if (remaining > 0) {
            target.fill(targetOffset, remaining, (byte) 0);
        }
        return true;
    }

    @Override
    public int getKeyCount() {
        return fields.length;
    }

    @Override
    public Object getKey(T record, int index) {
        return field(record, index);
    }

    @Override
    public AtomicComparator<Object> getKeyComparator(int index) {
        return comparators[index];
    }

    @Override
    public FieldsComparator<T> duplicate() {
        return new FieldsComparator<>(typeName, fieldNames, fields, comparators, serializer.duplicate(), positions);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", typeName + " by (", ")");
        for (int i = 0; i < fields.length; i++) {
            j.add(fieldNames[i] + (comparators[i].isAscending() ? "" : " desc"));
        }
        return j.toString();
    }
}
