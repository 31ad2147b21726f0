package io.eddy.runtime.operators.sortedinput;

import io.eddy.api.functions.ReduceFunction;

import java.util.Arrays;

/**
 * The running results of a keyed reduce in BATCH mode before they are sorted: a heap hash table from
 * a key's serialized bytes to the reduced value so far and the latest timestamp, holding at most
 * {@link #MAX_KEYS} keys. With few keys every record reduces in place and only one partial result per
 * key reaches the sorter; with many, the table is emptied into the sorter whenever it is full, and the
 * sorter combines what it holds again when it spills.
 *
 * <p>Open addressing with linear probing over a power-of-two capacity at most half full. A record
 * whose key is present costs a hash of the key bytes, one or a few byte comparisons and the reduce;
 * only a new key copies its bytes.
 *
 * <p>Threading: the task thread only.
 */
final class PartialResults {
    /** Keys held at most: 64 Ki partial results on the heap per subtask. */
    static final int MAX_KEYS = 1 << 16;

    private final ReduceFunction<Object> function;
    private final byte[][] keys = new byte[2 * MAX_KEYS][];
    private final Object[] results = new Object[2 * MAX_KEYS];
    private final long[] timestamps = new long[2 * MAX_KEYS];
    private final int mask = 2 * MAX_KEYS - 1;
    private int size;

    PartialResults(ReduceFunction<Object> function) {
        this.function = function;
    }

    /**
     * Reduces {@code value} into the result of its key, or starts one with it. The value is the
     * caller's to give: a keyed operator heads its task, and each record it reads is deserialized for
     * it alone, so the table may keep it and the reduce may overwrite it (as a running aggregation does).
     *
     * @return false when the key is new and the table full: then nothing was added
     */
    boolean add(byte[] key, int length, Object value, long timestamp) throws Exception {
        int i = hash(key, length) & mask;
        for (byte[] k = keys[i]; k != null; k = keys[i]) {
            if (k.length == length && Arrays.equals(k, 0, length, key, 0, length)) {
                results[i] = function.reduce(results[i], value);
                timestamps[i] = Math.max(timestamps[i], timestamp);
                return true;
            }
            i = (i + 1) & mask;
        }
        if (size == MAX_KEYS) {
            return false;
        }
        keys[i] = Arrays.copyOf(key, length);
        results[i] = value;
        timestamps[i] = timestamp;
        size++;
        return true;
    }

    /** Hands every partial result to {@code sink} and empties the table. */
    void drainTo(Sink sink) throws Exception {
        for (int i = 0; i < keys.length && size > 0; i++) {
            if (keys[i] != null) {
                sink.accept(keys[i], results[i], timestamps[i]);
                keys[i] = null;
                results[i] = null;
                size--;
            }
        }
    }

    interface Sink {
        void accept(byte[] key, Object result, long timestamp) throws Exception;
    }

    /**
     * FNV-1a over the bytes, then a finalizing mix: keys that differ in one byte (consecutive numbers)
     * must land far apart, or linear probing walks long runs.
     */
    private static int hash(byte[] key, int length) {
        int h = 0x811c9dc5;
        for (int i = 0; i < length; i++) {
            h = (h ^ (key[i] & 0xff)) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
