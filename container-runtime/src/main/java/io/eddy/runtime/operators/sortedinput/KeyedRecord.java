package io.eddy.runtime.operators.sortedinput;

import java.util.Arrays;

/**
 * One input record of a keyed operator in BATCH mode, as it is sorted: the serialized bytes of its
 * key, its event timestamp, the operator input it arrived on (0 or 1) and the record itself. Sorting
 * by the key's bytes groups equal keys, since a key's serializer writes equal keys alike.
 *
 * <p>Mutable and reused: a sorter serializes it at once, and a reader deserializes into it.
 */
final class KeyedRecord {
    byte[] key;
    int keyLength;
    long timestamp;
    int input;
    Object value;

    KeyedRecord() {
        this.key = new byte[16];
    }

    /** Points this record at {@code length} key bytes of {@code bytes} (not copied). */
    void referKey(byte[] bytes, int length) {
        key = bytes;
        keyLength = length;
    }

    /** Copies {@code length} key bytes of {@code bytes} into this record's own array. */
    void copyKey(byte[] bytes, int length) {
        if (key.length < length) {
            key = new byte[Math.max(length, 2 * key.length)];
        }
        System.arraycopy(bytes, 0, key, 0, length);
        keyLength = length;
    }

    boolean hasKey(byte[] bytes, int length) {
        return keyLength == length && Arrays.equals(key, 0, length, bytes, 0, length);
    }
}
