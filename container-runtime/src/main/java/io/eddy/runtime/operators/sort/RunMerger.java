package io.eddy.runtime.operators.sort;

import io.eddy.api.memory.DataOutputView;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.runtime.operators.RecordIterator;

import java.io.IOException;
import java.util.List;

/**
 * Merges sorted runs through a binary heap of their heads. Heads compare by normalized key (longs,
 * unsigned) and, when the key does not decide, by the comparator on the serialized records. The
 * merge moves record bytes: it deserializes only for a tie the key cannot decide and for the final
 * consumer ({@link #next}). One thread.
 */
final class RunMerger<T> implements RecordIterator<T> {
    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final boolean keyDecides;
    private final RunReader[] heap;
    private int size;

    RunMerger(List<RunReader> readers, TypeSerializer<T> serializer, TypeComparator<T> comparator, boolean keyDecides)
            throws IOException {
        this.serializer = serializer;
        this.comparator = comparator;
        this.keyDecides = keyDecides;
        this.heap = new RunReader[readers.size()];
        for (RunReader reader : readers) {
            if (reader.advance()) {
                heap[size++] = reader;
            }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    @Override
    public T next(T reuse) throws IOException {
        if (size == 0) {
            return null;
        }
        RunReader top = heap[0];
        T record = reuse == null ? serializer.deserialize(top.recordBytes()) : serializer.deserialize(reuse, top.recordBytes());
        pop(top);
        return record;
    }

    /** Copies the smallest head to {@code out} as a run entry; false when every run is exhausted. */
    boolean writeNext(DataOutputView out) throws IOException {
        if (size == 0) {
            return false;
        }
        RunReader top = heap[0];
        for (long word : top.key) {
            out.writeLong(word);
        }
        out.writeInt(top.length);
        out.write(top.record, 0, top.length);
        pop(top);
        return true;
    }

    private void pop(RunReader top) throws IOException {
        if (!top.advance()) {
            heap[0] = heap[--size];
            heap[size] = null;
        }
        if (size > 0) {
            siftDown(0);
        }
    }

    private void siftDown(int i) throws IOException {
        RunReader moving = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && compare(heap[child + 1], heap[child]) < 0) {
                child++;
            }
            if (compare(moving, heap[child]) <= 0) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = moving;
    }

    private int compare(RunReader a, RunReader b) throws IOException {
        long[] ka = a.key;
        long[] kb = b.key;
        for (int w = 0; w < ka.length; w++) {
            if (ka[w] != kb[w]) {
                return Long.compareUnsigned(ka[w], kb[w]);
            }
        }
        return keyDecides ? 0 : comparator.compareSerialized(a.recordBytes(), b.recordBytes());
    }
}
