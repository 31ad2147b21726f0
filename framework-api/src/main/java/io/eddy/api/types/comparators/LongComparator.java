package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;

/** Longs, signed: the normalized key is the big-endian value with its sign bit flipped, so negative values sort first as unsigned bytes. */
public final class LongComparator extends AtomicComparator<Long> {
    private static final long serialVersionUID = 1L;

    public static final LongComparator ASCENDING = new LongComparator(true);
    public static final LongComparator DESCENDING = new LongComparator(false);

    private LongComparator(boolean ascending) {
        super(ascending);
    }

    @Override
    public LongComparator reversed() {
        return isAscending() ? DESCENDING : ASCENDING;
    }

    @Override
    public Class<Long> getValueClass() {
        return Long.class;
    }

    @Override
    protected int compareAscending(Long first, Long second) {
        return Long.compare(first, second);
    }

    @Override
    protected int compareSerializedAscending(DataInputView first, DataInputView second) throws IOException {
        return Long.compare(first.readLong(), second.readLong());
    }

    @Override
    public void writeKeyBytes(Long record, DataOutputView target) throws IOException {
        target.writeLong(record);
    }

    @Override
    public int getNormalizedKeyLength() {
        return 8;
    }

    @Override
    protected void putAscendingKey(Long record, MemorySegment target, int offset, int numBytes) {
        putKey(record, target, offset, numBytes);
    }

    /** The serialized form is the big-endian value ({@code LongSerializer}). */
    @Override
    protected boolean putAscendingKeySerialized(MemorySegment source, int at, MemorySegment target, int offset,
            int numBytes) {
        putKey(source.getLong(at), target, offset, numBytes);
        return true;
    }

    private static void putKey(long record, MemorySegment target, int offset, int numBytes) {
        if (numBytes == 8) {
            target.putLong(offset, record ^ Long.MIN_VALUE);
        } else {
            putBigEndian(record ^ Long.MIN_VALUE, 8, target, offset, numBytes);
        }
    }

    private Object readResolve() {
        return isAscending() ? ASCENDING : DESCENDING;
    }
}
