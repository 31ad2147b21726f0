package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;

/** Floats in the order of {@link Float#compare} (-0.0 before 0.0, NaN last). */
public final class FloatComparator extends AtomicComparator<Float> {
    private static final long serialVersionUID = 1L;

    public static final FloatComparator ASCENDING = new FloatComparator(true);
    public static final FloatComparator DESCENDING = new FloatComparator(false);

    private FloatComparator(boolean ascending) {
        super(ascending);
    }

    @Override
    public FloatComparator reversed() {
        return isAscending() ? DESCENDING : ASCENDING;
    }

    @Override
    public Class<Float> getValueClass() {
        return Float.class;
    }

    @Override
    protected int compareAscending(Float first, Float second) {
        return Float.compare(first, second);
    }

    @Override
    protected int compareSerializedAscending(DataInputView first, DataInputView second) throws IOException {
        return Float.compare(first.readFloat(), second.readFloat());
    }

    @Override
    public void writeKeyBytes(Float record, DataOutputView target) throws IOException {
        // the canonical NaN, as Float.equals has it
        target.writeInt(Float.floatToIntBits(record));
    }

    @Override
    public int getNormalizedKeyLength() {
        return 4;
    }

    @Override
    protected void putAscendingKey(Float record, MemorySegment target, int offset, int numBytes) {
        int bits = Float.floatToIntBits(record);
        // negative floats: all bits flipped (larger magnitude sorts first); others: the sign bit set
        bits = bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
        putBigEndian(bits, 4, target, offset, numBytes);
    }

    private Object readResolve() {
        return isAscending() ? ASCENDING : DESCENDING;
    }
}
