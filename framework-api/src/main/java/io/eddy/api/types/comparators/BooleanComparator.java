package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;

/** Booleans, false before true: the normalized key is one byte, 0 or 1. */
public final class BooleanComparator extends AtomicComparator<Boolean> {
    private static final long serialVersionUID = 1L;

    public static final BooleanComparator ASCENDING = new BooleanComparator(true);
    public static final BooleanComparator DESCENDING = new BooleanComparator(false);

    private BooleanComparator(boolean ascending) {
        super(ascending);
    }

    @Override
    public BooleanComparator reversed() {
        return isAscending() ? DESCENDING : ASCENDING;
    }

    @Override
    public Class<Boolean> getValueClass() {
        return Boolean.class;
    }

    @Override
    protected int compareAscending(Boolean first, Boolean second) {
        return Boolean.compare(first, second);
    }

    @Override
    protected int compareSerializedAscending(DataInputView first, DataInputView second) throws IOException {
        return Boolean.compare(first.readBoolean(), second.readBoolean());
    }

    @Override
    public void writeKeyBytes(Boolean record, DataOutputView target) throws IOException {
        target.writeBoolean(record);
    }

    @Override
    public int getNormalizedKeyLength() {
        return 1;
    }

    @Override
    protected void putAscendingKey(Boolean record, MemorySegment target, int offset, int numBytes) {
        target.put(offset, (byte) (record ? 1 : 0));
    }

    private Object readResolve() {
        return isAscending() ? ASCENDING : DESCENDING;
    }
}
