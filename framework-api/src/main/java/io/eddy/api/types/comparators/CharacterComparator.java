package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;

/** Chars, unsigned UTF-16 code units: the normalized key is the big-endian value. */
public final class CharacterComparator extends AtomicComparator<Character> {
    private static final long serialVersionUID = 1L;

    public static final CharacterComparator ASCENDING = new CharacterComparator(true);
    public static final CharacterComparator DESCENDING = new CharacterComparator(false);

    private CharacterComparator(boolean ascending) {
        super(ascending);
    }

    @Override
    public CharacterComparator reversed() {
        return isAscending() ? DESCENDING : ASCENDING;
    }

    @Override
    public Class<Character> getValueClass() {
        return Character.class;
    }

    @Override
    protected int compareAscending(Character first, Character second) {
        return Character.compare(first, second);
    }

    @Override
    protected int compareSerializedAscending(DataInputView first, DataInputView second) throws IOException {
        return Character.compare(first.readChar(), second.readChar());
    }

    @Override
    public void writeKeyBytes(Character record, DataOutputView target) throws IOException {
        target.writeChar(record);
    }

    @Override
    public int getNormalizedKeyLength() {
        return 2;
    }

    @Override
    protected void putAscendingKey(Character record, MemorySegment target, int offset, int numBytes) {
        putBigEndian(record, 2, target, offset, numBytes);
    }

    private Object readResolve() {
        return isAscending() ? ASCENDING : DESCENDING;
    }
}
