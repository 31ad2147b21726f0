package io.eddy.runtime.operators.sortedinput;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.types.comparators.AtomicComparator;
import io.eddy.api.types.comparators.TypeComparator;

import java.io.IOException;
import java.util.Arrays;

/**
 * Orders {@link KeyedRecord}s by key, then (unless told otherwise) by timestamp and input. Keys are
 * compared as serialized bytes, length first: an order that groups equal keys, not the keys' natural
 * order, and works for every key type whose serializer writes equal keys alike.
 *
 * <p>The normalized key is the same sequence as bytes: the key length (left out when every key has
 * the same length), the key bytes, the timestamp with its sign bit flipped (so negative ones sort
 * first) and the input. For keys of a fixed length it decides the order completely; the sorter
 * then never deserializes a record to compare it.
 */
final class KeyedRecordComparator extends TypeComparator<KeyedRecord> {
    private static final long serialVersionUID = 1L;

    /** The serialized length of every key, or -1 when keys differ in length. */
    private final int fixedKeyLength;
    private final boolean byTimestamp;

    /**
     * @param fixedKeyLength the serialized length of every key, or -1 when it varies
     * @param byTimestamp whether records of one key are ordered by timestamp and input
     */
    KeyedRecordComparator(int fixedKeyLength, boolean byTimestamp) {
        this.fixedKeyLength = fixedKeyLength;
        this.byTimestamp = byTimestamp;
    }

    @Override
    public int hash(KeyedRecord record) {
        int h = 1;
        for (int i = 0; i < record.keyLength; i++) {
            h = 31 * h + record.key[i];
        }
        return h;
    }

    @Override
    public int compare(KeyedRecord first, KeyedRecord second) {
        int c = Integer.compare(first.keyLength, second.keyLength);
        if (c == 0) {
            c = Arrays.compareUnsigned(first.key, 0, first.keyLength, second.key, 0, second.keyLength);
        }
        if (c != 0 || !byTimestamp) {
            return c;
        }
        c = Long.compare(first.timestamp, second.timestamp);
        return c != 0 ? c : Integer.compare(first.input, second.input);
    }

    @Override
    public int compareSerialized(DataInputView first, DataInputView second) throws IOException {
        int length = first.readInt();
        int c = Integer.compare(length, second.readInt());
        for (int i = 0; i < length && c == 0; i++) {
            c = Integer.compare(first.readUnsignedByte(), second.readUnsignedByte());
        }
        if (c != 0 || !byTimestamp) {
            return c;
        }
        c = Long.compare(first.readLong(), second.readLong());
        return c != 0 ? c : Integer.compare(first.readByte(), second.readByte());
    }

    @Override
    public boolean supportsNormalizedKey() {
        return true;
    }

    @Override
    public int getNormalizedKeyLength() {
        return fixedKeyLength < 0 ? Integer.MAX_VALUE : fixedKeyLength + (byTimestamp ? 9 : 0);
    }

    @Override
    public void putNormalizedKey(KeyedRecord record, MemorySegment target, int offset, int numBytes) {
        int end = offset + numBytes;
        int at = offset;
        if (fixedKeyLength < 0) {
            at = putBytes(record.keyLength, 4, target, at, end);
        }
        int keyBytes = Math.min(record.keyLength, end - at);
        target.put(at, record.key, 0, keyBytes);
        at += keyBytes;
        if (byTimestamp) {
            at = putBytes(record.timestamp ^ Long.MIN_VALUE, 8, target, at, end);
            at = putBytes(record.input, 1, target, at, end);
        }
        while (at < end) {
            target.put(at++, (byte) 0);
        }
    }

    /** Writes the {@code bytes} low bytes of {@code value} big-endian from {@code at}, as far as {@code end}. */
    private static int putBytes(long value, int bytes, MemorySegment target, int at, int end) {
        for (int shift = 8 * (bytes - 1); shift >= 0 && at < end; shift -= 8) {
            target.put(at++, (byte) (value >>> shift));
        }
        return at;
    }

    @Override
    public int getKeyCount() {
        return 1;
    }

    @Override
    public Object getKey(KeyedRecord record, int index) {
        throw new UnsupportedOperationException("Sorted keyed input compares serialized keys; it has no atomic key values");
    }

    @Override
    public AtomicComparator<Object> getKeyComparator(int index) {
        throw new UnsupportedOperationException("Sorted keyed input compares serialized keys; it has no atomic key values");
    }

    @Override
    public KeyedRecordComparator duplicate() {
        return this;
    }
}
