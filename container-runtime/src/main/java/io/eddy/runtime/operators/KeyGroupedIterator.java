package io.eddy.runtime.operators;

import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.api.types.serializers.TypeSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads an input sorted (or at least grouped) by key as groups of records with equal keys: call
 * {@link #nextKey()}, then iterate {@link #values()} (once; what is left unread is skipped by the
 * next {@link #nextKey()}).
 *
 * <p>Two record instances are reused: the group's first record, which stays intact for key comparisons
 * while the group lasts (a function must not change its key fields), and one that every further value
 * of the group is read into. A value is therefore valid only until the iterator moves on. One thread.
 */
public final class KeyGroupedIterator<T> {
    private final RecordIterator<T> input;
    private final TypeComparator<T> comparator;
    private final Values values = new Values();

    /** The first record of the current group. */
    private T first;
    /** The instance further values are read into; after a group ends, the first record of the next group. */
    private T current;
    private boolean pending;
    private boolean started;
    private boolean firstReturned;
    private boolean valueReady;
    private boolean groupDone = true;

    public KeyGroupedIterator(RecordIterator<T> input, TypeComparator<T> comparator) {
        this.input = input;
        this.comparator = comparator.duplicate();
    }

    /**
     * Reduces one group of reused instances (as {@link #values()} gives them): the running result is a
     * copy of the first, and a result that is the instance just read is copied before the next one
     * overwrites it.
     */
    public static <T> T reduce(Iterable<T> group, ReduceFunction<T> function, TypeSerializer<T> serializer)
            throws Exception {
        T result = null;
        for (T value : group) {
            if (result == null) {
                result = serializer.copy(value);
            } else {
                result = function.reduce(result, value);
                if (result == value) {
                    result = serializer.copy(value);
                }
            }
        }
        return result;
    }

    /** Moves to the next key group; false at the end of the input. */
    public boolean nextKey() throws IOException {
        if (!started) {
            started = true;
            T r = input.next(current);
            pending = r != null;
            current = r;
        } else {
            while (!groupDone) {
                readValue();
            }
        }
        if (!pending) {
            return false;
        }
        T previousFirst = first;
        first = current;
        current = previousFirst;
        pending = false;
        firstReturned = false;
        valueReady = false;
        groupDone = false;
        return true;
    }

    /** The first record of the current group: its key is the group's key. */
    public T currentKeyRecord() {
        return first;
    }

    /** The records of the current group, starting with {@link #currentKeyRecord()}; one pass. */
    public Iterable<T> values() {
        return values;
    }

    /** Reads the next record: either a value of this group, or the first of the next (then the group is done). */
    private void readValue() throws IOException {
        if (!firstReturned) {
            firstReturned = true;
            return;
        }
        T r = input.next(current);
        if (r == null) {
            groupDone = true;
            return;
        }
        current = r;
        if (comparator.equalKeys(first, r)) {
            valueReady = true;
        } else {
            pending = true;
            groupDone = true;
        }
    }

    private final class Values implements Iterable<T>, Iterator<T> {
        @Override
        public Iterator<T> iterator() {
            return this;
        }

        @Override
        public boolean hasNext() {
            if (!firstReturned) {
                return !groupDone;
            }
            if (!valueReady && !groupDone) {
                try {
                    readValue();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return valueReady;
        }

        @Override
        public T next() {
            if (!firstReturned && !groupDone) {
                firstReturned = true;
                return first;
            }
            if (!hasNext()) {
                throw new NoSuchElementException("The key group is exhausted");
            }
            valueReady = false;
            return current;
        }
    }
}
