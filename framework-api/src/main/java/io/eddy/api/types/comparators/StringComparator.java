package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.types.serializers.StringSerializer;

import java.io.IOException;

/**
 * Strings in the order of {@link String#compareTo} (UTF-16 code units). The normalized key is the
 * leading chars, two big-endian bytes each, zero-padded: equal prefixes never decide (a string and
 * the same string followed by {@code '\0'} share every prefix), so sorters compare the strings on
 * ties. Serialized strings are compared after deserializing them (the serialized form does not
 * preserve the order).
 */
public final class StringComparator extends AtomicComparator<String> {
    private static final long serialVersionUID = 1L;

    public static final StringComparator ASCENDING = new StringComparator(true);
    public static final StringComparator DESCENDING = new StringComparator(false);

    private StringComparator(boolean ascending) {
        super(ascending);
    }

    @Override
    public StringComparator reversed() {
        return isAscending() ? DESCENDING : ASCENDING;
    }

    @Override
    public Class<String> getValueClass() {
        return String.class;
    }

    @Override
    protected int compareAscending(String first, String second) {
        return first.compareTo(second);
    }

    @Override
    protected int compareSerializedAscending(DataInputView first, DataInputView second) throws IOException {
        return StringSerializer.INSTANCE.deserialize(first).compareTo(StringSerializer.INSTANCE.deserialize(second));
    }

    @Override
    public void writeKeyBytes(String record, DataOutputView target) throws IOException {
        StringSerializer.INSTANCE.serialize(record, target);
    }

    @Override
    public int getNormalizedKeyLength() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected void putAscendingKey(String record, MemorySegment target, int offset, int numBytes) {
        int chars = Math.min(record.length(), numBytes / 2);
        int p = offset;
        for (int i = 0; i < chars; i++, p += 2) {
            target.putShort(p, (short) record.charAt(i));
        }
        int end = offset + numBytes;
        if (chars < record.length() && p < end) {
            target.put(p++, (byte) (record.charAt(chars) >>> 8));
        }
        if (p < end) {
            target.fill(p, end - p, (byte) 0);
        }
    }

    private Object readResolve() {
        return isAscending() ? ASCENDING : DESCENDING;
    }
}
