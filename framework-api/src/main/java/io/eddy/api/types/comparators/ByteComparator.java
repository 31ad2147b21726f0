package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;

/** Bytes, signed: the normalized key is the byte with its sign bit flipped. */
public final class ByteComparator extends AtomicComparator<Byte> {
    private static final long serialVersionUID = 1L;

    public static final ByteComparator ASCENDING = new ByteComparator(true);
    public static final ByteComparator DESCENDING = new ByteComparator(false);

    private ByteComparator(boolean ascending) {
        super(ascending);
    }

    @Override
    public ByteComparator reversed() {
        return isAscending() ? DESCENDING : ASCENDING;
    }

    @Override
    public Class<Byte> getValueClass() {
        return Byte.class;
    }

    @Override
    protected int compareAscending(Byte first, Byte second) {
        return Byte.compare(first, second);
    }

    @Override
    protected int compareSerializedAscending(DataInputView first, DataInputView second) throws IOException {
        return Byte.compare(first.readByte(), second.readByte());
    }

    @Override
    public void writeKeyBytes(Byte record, DataOutputView target) throws IOException {
        target.writeByte(record);
    }

    @Override
    public int getNormalizedKeyLength() {
        return 1;
    }

    @Override
    protected void putAscendingKey(Byte record, MemorySegment target, int offset, int numBytes) {
        target.put(offset, (byte) (record ^ 0x80));
    }

    private Object readResolve() {
        return isAscending() ? ASCENDING : DESCENDING;
    }
}
