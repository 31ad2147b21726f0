package io.eddy.api.types.comparators;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;
import java.io.Serializable;

/**
 * Orders, hashes and tests for equality the <em>keys</em> of values of one type: the whole value
 * for atomic types (numbers, strings, booleans), chosen fields for tuples, POJOs and records. Sorters,
 * hash tables and joins use it on deserialized values and, where cheap, on serialized bytes.
 *
 * <h2>Normalized keys</h2>
 * A comparator that {@link #supportsNormalizedKey() supports normalized keys} writes a byte prefix of
 * a value's key such that comparing two prefixes as unsigned bytes (shorter prefixes are padded the
 * same way) gives the order of the values, except that equal prefixes may hide a difference further
 * on. A sorter compares these prefixes as bytes and falls back to {@link #compare} only on equal
 * prefixes that are not {@link #isNormalizedKeyFullyDetermining fully determining}. Descending keys
 * write the complement of their ascending bytes.
 *
 * <h2>Keys across types</h2>
 * A key is a sequence of {@link #getKeyCount()} atomic values ({@link #getKey}); two comparators of
 * different record types join or co-group when their key sequences have the same atomic types
 * ({@link KeyComparison#checkCompatible}). {@link #hash} combines the atomic hashes in the same way
 * for every record type, so equal keys hash alike on both sides.
 *
 * <p>Threading: a comparator may keep scratch instances for serialized comparisons, so each thread
 * uses its own copy from {@link #duplicate()}.
 */
public abstract class TypeComparator<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A hash of the key, deterministic across JVMs and consistent with {@link #compare} == 0. */
    public abstract int hash(T record);

    /** Negative, zero or positive as the key of {@code first} sorts before, with or after that of {@code second}. */
    public abstract int compare(T first, T second);

    /** True when both keys are equal; may be cheaper than {@link #compare}. */
    public boolean equalKeys(T first, T second) {
        return compare(first, second) == 0;
    }

    /**
     * Compares two serialized values, reading each whole value from its view (both views end after
     * their value). Composite types deserialize into scratch instances.
     */
    public abstract int compareSerialized(DataInputView first, DataInputView second) throws IOException;

    public abstract boolean supportsNormalizedKey();

    /**
     * The number of prefix bytes that decide the order completely, or {@link Integer#MAX_VALUE} when no
     * finite prefix does (strings): a sorter takes the smaller of this and its own limit.
     */
    public abstract int getNormalizedKeyLength();

    /** True when a prefix of {@code numBytes} bytes decides the order of any two keys completely. */
    public boolean isNormalizedKeyFullyDetermining(int numBytes) {
        return supportsNormalizedKey() && numBytes >= getNormalizedKeyLength();
    }

    /**
     * Writes exactly {@code numBytes} bytes of the normalized key of {@code record} at {@code offset},
     * padding with zero bytes (descending: 0xff) when the key is shorter.
     */
    public abstract void putNormalizedKey(T record, MemorySegment target, int offset, int numBytes);

    /**
     * Writes what {@link #putNormalizedKey} writes for the value serialized in {@code record} at
     * {@code [offset, offset + length)}, read from the bytes without deserializing the value; false when
     * this comparator cannot read that value's bytes (the default; or a key field is null or not at a
     * fixed place), having then written an undefined part of the key. Lets a sorter take records that
     * arrive serialized without deserializing them.
     */
    public boolean putNormalizedKeySerialized(MemorySegment record, int offset, int length, MemorySegment target,
            int targetOffset, int numBytes) {
        return false;
    }

    /**
     * True when {@link #writeKeyBytes} works: then a hash table can store each key as bytes and test keys
     * for equality by comparing bytes, without deserializing what it stored.
     */
    public boolean supportsKeyBytes() {
        return false;
    }

    /**
     * Writes the key of {@code record} as bytes that are equal exactly when the keys are
     * {@link #equalKeys equal}, and that delimit themselves: no key's bytes are a proper prefix of another's,
     * so concatenated keys stay comparable. The bytes need not preserve the order.
     */
    public void writeKeyBytes(T record, DataOutputView target) throws IOException {
        throw new UnsupportedOperationException(this + " cannot write its keys as bytes");
    }

    /** Number of atomic key values. */
    public abstract int getKeyCount();

    /** Atomic key value {@code index} of {@code record} (the record itself for atomic types). */
    public abstract Object getKey(T record, int index);

    /** The comparator of atomic key value {@code index}. */
    public abstract AtomicComparator<Object> getKeyComparator(int index);

    /** A copy safe to use from another thread; {@code this} when the comparator keeps no scratch state. */
    public abstract TypeComparator<T> duplicate();
}
