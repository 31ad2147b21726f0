package io.eddy.gelly.library;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers vertex ids 0, 1, 2, ... in the order they are first {@link #add added}, and finds an id's
 * number. {@link #forKeys} picks linear probing over a primitive {@code long[]} for {@code Long} ids
 * (one cache line per look-up instead of a chain of boxed objects) and a hash map otherwise.
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

    /** Linear probing over one {@code long[]} of (id, number + 1) pairs: a look-up reads one cache line, not one per array. */
    static final class LongIds extends IdNumbers<Long> {
        private long[] slots = new long[2 << 10]; // slots[2s] the id, slots[2s + 1] its number + 1 (0: a free slot)
        private int size;

        @Override
        public int add(Long id) {
            return add(id.longValue());
        }

        int add(long id) {
            int mask = slots.length / 2 - 1;
            int slot = slot(id, mask);
            while (slots[2 * slot + 1] != 0) {
                if (slots[2 * slot] == id) {
                    return (int) slots[2 * slot + 1] - 1;
                }
                slot = (slot + 1) & mask;
            }
            slots[2 * slot] = id;
            slots[2 * slot + 1] = ++size;
            if (size * 4 > slots.length) {
                grow();
            }
            return size - 1;
        }

        @Override
        public int get(Long id) {
            return get(id.longValue());
        }

        int get(long id) {
            int mask = slots.length / 2 - 1;
            for (int slot = slot(id, mask); slots[2 * slot + 1] != 0; slot = (slot + 1) & mask) {
                if (slots[2 * slot] == id) {
                    return (int) slots[2 * slot + 1] - 1;
                }
            }
            return -1;
        }

        @Override
        public int size() {
            return size;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            int mask = slots.length / 2 - 1;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i + 1] != 0) {
                    int slot = slot(old[i], mask);
                    while (slots[2 * slot + 1] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    slots[2 * slot] = old[i];
                    slots[2 * slot + 1] = old[i + 1];
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
