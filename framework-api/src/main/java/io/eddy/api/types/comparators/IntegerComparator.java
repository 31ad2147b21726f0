package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;

/** Ints, signed: the normalized key is the big-endian value with its sign bit flipped, so negative values sort first as unsigned bytes. */
public final class IntegerComparator extends AtomicComparator<Integer> {
    private static final long serialVersionUID = 1L;

    public static final IntegerComparator ASCENDING = new IntegerComparator(true);
    public static final IntegerComparator DESCENDING = new IntegerComparator(false);

    private IntegerComparator(boolean ascending) {
        super(ascending);
    }

    @Override
    public IntegerComparator reversed() {
        return isAscending() ? DESCENDING : ASCENDING;
    }

    @Override
    public Class<Integer> getValueClass() {
        return Integer.class;
    }

    @Override
    protected int compareAscending(Integer first, Integer second) {
        return Integer.compare(first, second);
    }

    @Override
    protected int compareSerializedAscending(DataInputView first, DataInputView second) throws IOException {
        return Integer.compare(first.readInt(), second.readInt());
    }

    @Override
    public void writeKeyBytes(Integer record, DataOutputView target) throws IOException {
        target.writeInt(record);
    }

    @Override
    public int getNormalizedKeyLength() {
        return 4;
    }

    @Override
    protected void putAscendingKey(Integer record, MemorySegment target, int offset, int numBytes) {
        putKey(record, target, offset, numBytes);
    }

    /** The serialized form is the big-endian value ({@code IntegerSerializer}). */
    @Override
    protected boolean putAscendingKeySerialized(MemorySegment source, int at, MemorySegment target, int offset,
            int numBytes) {
        putKey(source.getInt(at), target, offset, numBytes);
        return true;
    }

    private static void putKey(int record, MemorySegment target, int offset, int numBytes) {
        if (numBytes == 4) {
            target.putInt(offset, record ^ Integer.MIN_VALUE);
        } else {
            putBigEndian(record ^ Integer.MIN_VALUE, 4, target, offset, numBytes);
        }
    }

    private Object readResolve() {
        return isAscending() ? ASCENDING : DESCENDING;
    }
}
