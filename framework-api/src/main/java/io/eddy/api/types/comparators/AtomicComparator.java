package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;

/**
 * The comparator of a value that is its own key: a number, character, boolean or string, ascending or
 * descending. Subclasses define the ascending order; this class inverts it. Stateless.
 */
public abstract class AtomicComparator<T> extends TypeComparator<T> {
    private static final long serialVersionUID = 1L;

    private final boolean ascending;

    protected AtomicComparator(boolean ascending) {
        this.ascending = ascending;
    }

    public final boolean isAscending() {
        return ascending;
    }

    /** The same type in the other direction. */
    public abstract AtomicComparator<T> reversed();

    /** The class of the values compared, for compatibility checks and messages. */
    public abstract Class<T> getValueClass();

    protected abstract int compareAscending(T first, T second);

    protected abstract int compareSerializedAscending(DataInputView first, DataInputView second) throws IOException;

    /** The ascending normalized key; {@code numBytes} is at most {@link #getNormalizedKeyLength()} for fixed-length keys. */
    protected abstract void putAscendingKey(T record, MemorySegment target, int offset, int numBytes);

    @Override
    public final int compare(T first, T second) {
        int c = compareAscending(first, second);
        return ascending ? c : -c;
    }

    @Override
    public boolean equalKeys(T first, T second) {
        return first.equals(second);
    }

    @Override
    public int hash(T record) {
        return record.hashCode();
    }

    /** Every atomic key has a byte form: its fixed-width bits, or for strings their length-prefixed chars. */
    @Override
    public final boolean supportsKeyBytes() {
        return true;
    }

    /** The same bytes in both directions: they only decide equality. */
    @Override
    public abstract void writeKeyBytes(T record, DataOutputView target) throws IOException;

    @Override
    public final int compareSerialized(DataInputView first, DataInputView second) throws IOException {
        int c = compareSerializedAscending(first, second);
        return ascending ? c : -c;
    }

    @Override
    public boolean supportsNormalizedKey() {
        return true;
    }

    @Override
    public final void putNormalizedKey(T record, MemorySegment target, int offset, int numBytes) {
        int keyBytes = Math.min(numBytes, getNormalizedKeyLength());
        putAscendingKey(record, target, offset, keyBytes);
        padAndOrient(target, offset, keyBytes, numBytes);
    }

    /**
     * Writes what {@link #putNormalizedKey} writes for the value serialized at {@code at} of
     * {@code source}, read from the bytes without deserializing it; false, when this type cannot read
     * its serialized form (the default), having written nothing.
     */
    public final boolean putNormalizedKeySerialized(MemorySegment source, int at, MemorySegment target, int offset,
            int numBytes) {
        int keyBytes = Math.min(numBytes, getNormalizedKeyLength());
        if (!putAscendingKeySerialized(source, at, target, offset, keyBytes)) {
            return false;
        }
        padAndOrient(target, offset, keyBytes, numBytes);
        return true;
    }

    /** {@link #putAscendingKey} from the serialized value at {@code at} of {@code source}; false when not supported. */
    protected boolean putAscendingKeySerialized(MemorySegment source, int at, MemorySegment target, int offset,
            int numBytes) {
        return false;
    }

    /** Pads the ascending key's {@code keyBytes} to {@code numBytes} and complements it all when descending. */
    private void padAndOrient(MemorySegment target, int offset, int keyBytes, int numBytes) {
        if (keyBytes < numBytes) {
            target.fill(offset + keyBytes, numBytes - keyBytes, (byte) 0);
        }
        if (!ascending) {
            for (int i = offset, end = offset + numBytes; i < end; i++) {
                target.put(i, (byte) ~target.get(i));
            }
        }
    }

    @Override
    public final int getKeyCount() {
        return 1;
    }

    @Override
    public final Object getKey(T record, int index) {
        return record;
    }

    @Override
    @SuppressWarnings("unchecked")
    public final AtomicComparator<Object> getKeyComparator(int index) {
        return (AtomicComparator<Object>) this;
    }

    @Override
    public final TypeComparator<T> duplicate() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((AtomicComparator<?>) o).ascending == ascending;
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 2 + (ascending ? 1 : 0);
    }

    @Override
    public String toString() {
        return getValueClass().getSimpleName() + (ascending ? " ascending" : " descending");
    }

    /** Writes the low {@code numBytes} (at most 8) bytes of {@code bits}, most significant first. */
    static void putBigEndian(long bits, int width, MemorySegment target, int offset, int numBytes) {
        for (int i = 0; i < numBytes; i++) {
            target.put(offset + i, (byte) (bits >>> ((width - 1 - i) * 8)));
        }
    }
}
