package io.eddy.gelly.library;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers vertex ids 0, 1, 2, ... in the order they are first {@link #add added}, and finds an id's
 * number. {@link #forKeys} picks linear probing over a primitive {@code long[]} for {@code Long} ids
 * (one memory access per look-up instead of a chain of boxed objects) and a hash map otherwise.
 * Owned by one thread.
 */
public abstract class IdNumbers<K> {
    /** The id's number, given it now if it has none. */
    public abstract int add(K id);

    /** The id's number, -1 if it has none. */
    public abstract int get(K id);

    public abstract int size();

    @SuppressWarnings("unchecked")
    public static <K> IdNumbers<K> forKeys(Class<?> keyClass) {
        return keyClass == Long.class ? (IdNumbers<K>) new LongIds() : new AnyIds<>();
    }

    static final class LongIds extends IdNumbers<Long> {
        private long[] keys = new long[1 << 10];
        private int[] numbers = new int[1 << 10]; // number + 1; 0 marks a free slot
        private int size;

        @Override
        public int add(Long boxed) {
            long id = boxed;
            int mask = keys.length - 1;
            int slot = slot(id, mask);
            while (numbers[slot] != 0) {
                if (keys[slot] == id) {
                    return numbers[slot] - 1;
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = id;
            numbers[slot] = ++size;
            if (size * 2 > keys.length) {
                grow();
            }
            return size - 1;
        }

        @Override
        public int get(Long boxed) {
            long id = boxed;
            int mask = keys.length - 1;
            for (int slot = slot(id, mask); numbers[slot] != 0; slot = (slot + 1) & mask) {
                if (keys[slot] == id) {
                    return numbers[slot] - 1;
                }
            }
            return -1;
        }

        @Override
        public int size() {
            return size;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldNumbers = numbers;
            keys = new long[oldKeys.length * 2];
            numbers = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldNumbers[i] != 0) {
                    int slot = slot(oldKeys[i], mask);
                    while (numbers[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    numbers[slot] = oldNumbers[i];
                }
            }
        }

        private static int slot(long id, int mask) {
            long h = id * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }
    }

    static final class AnyIds<K> extends IdNumbers<K> {
        private final Map<K, Integer> numbers = new HashMap<>();

        @Override
        public int add(K id) {
            Integer n = numbers.putIfAbsent(id, numbers.size());
            return n == null ? numbers.size() - 1 : n;
        }

        @Override
        public int get(K id) {
            Integer n = numbers.get(id);
            return n == null ? -1 : n;
        }

        @Override
        public int size() {
            return numbers.size();
        }
    }
}
