package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;

/** Shorts, signed: the normalized key is the big-endian value with its sign bit flipped. */
public final class ShortComparator extends AtomicComparator<Short> {
    private static final long serialVersionUID = 1L;

    public static final ShortComparator ASCENDING = new ShortComparator(true);
    public static final ShortComparator DESCENDING = new ShortComparator(false);

    private ShortComparator(boolean ascending) {
        super(ascending);
    }

    @Override
    public ShortComparator reversed() {
        return isAscending() ? DESCENDING : ASCENDING;
    }

    @Override
    public Class<Short> getValueClass() {
        return Short.class;
    }

    @Override
    protected int compareAscending(Short first, Short second) {
        return Short.compare(first, second);
    }

    @Override
    protected int compareSerializedAscending(DataInputView first, DataInputView second) throws IOException {
        return Short.compare(first.readShort(), second.readShort());
    }

    @Override
    public void writeKeyBytes(Short record, DataOutputView target) throws IOException {
        target.writeShort(record);
    }

    @Override
    public int getNormalizedKeyLength() {
        return 2;
    }

    @Override
    protected void putAscendingKey(Short record, MemorySegment target, int offset, int numBytes) {
        putBigEndian(record ^ 0x8000, 2, target, offset, numBytes);
    }

    private Object readResolve() {
        return isAscending() ? ASCENDING : DESCENDING;
    }
}
