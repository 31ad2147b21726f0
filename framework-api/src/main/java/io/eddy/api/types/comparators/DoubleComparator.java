package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;

/** Doubles in the order of {@link Double#compare} (-0.0 before 0.0, NaN last). */
public final class DoubleComparator extends AtomicComparator<Double> {
    private static final long serialVersionUID = 1L;

    public static final DoubleComparator ASCENDING = new DoubleComparator(true);
    public static final DoubleComparator DESCENDING = new DoubleComparator(false);

    private DoubleComparator(boolean ascending) {
        super(ascending);
    }

    @Override
    public DoubleComparator reversed() {
        return isAscending() ? DESCENDING : ASCENDING;
    }

    @Override
    public Class<Double> getValueClass() {
        return Double.class;
    }

    @Override
    protected int compareAscending(Double first, Double second) {
        return Double.compare(first, second);
    }

    @Override
    protected int compareSerializedAscending(DataInputView first, DataInputView second) throws IOException {
        return Double.compare(first.readDouble(), second.readDouble());
    }

    @Override
    public void writeKeyBytes(Double record, DataOutputView target) throws IOException {
        // the canonical NaN, as Double.equals has it
        target.writeLong(Double.doubleToLongBits(record));
    }

    @Override
    public int getNormalizedKeyLength() {
        return 8;
    }

    @Override
    protected void putAscendingKey(Double record, MemorySegment target, int offset, int numBytes) {
        long bits = Double.doubleToLongBits(record);
        // negative doubles: all bits flipped (larger magnitude sorts first); others: the sign bit set
        bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        if (numBytes == 8) {
            target.putLong(offset, bits);
        } else {
            putBigEndian(bits, 8, target, offset, numBytes);
        }
    }

    private Object readResolve() {
        return isAscending() ? ASCENDING : DESCENDING;
    }
}
