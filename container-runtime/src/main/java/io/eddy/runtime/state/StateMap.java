package io.eddy.runtime.state;

import io.eddy.api.state.StateEntryVisitor;

/**
 * The content of one state in one key group: a hash table from (key, namespace) to the stored
 * value. Its own table rather than a {@code HashMap} keyed by a pair, so that a lookup allocates
 * nothing and snapshot writers can walk key, namespace and value directly.
 *
 * <p>Chained buckets in a power-of-two array, created on the first insert because most key groups
 * of a state may stay empty.
 */
final class StateMap<K, N, S> {
    private static final int INITIAL_CAPACITY = 16;

    private static final class Entry<K, N, S> {
        final K key;
        final N namespace;
        final int hash;
        S value;
        Entry<K, N, S> next;

        Entry(K key, N namespace, int hash, S value, Entry<K, N, S> next) {
            this.key = key;
            this.namespace = namespace;
            this.hash = hash;
            this.value = value;
            this.next = next;
        }

        boolean matches(int h, Object k, Object n) {
            return hash == h && (key == k || key.equals(k)) && (namespace == n || namespace.equals(n));
        }
    }

    /** Decides during a {@link #purgeBucket} whether an entry's content is gone, e.g. expired. */
    interface Purger<S> {
        /** May remove parts of {@code value} (expired elements); true when the whole entry is to be dropped. */
        boolean purge(S value, long now);
    }

    private Entry<K, N, S>[] buckets;
    private int size;

    private static int hash(Object key, Object namespace) {
        int h = key.hashCode() * 31 + namespace.hashCode();
        return h ^ (h >>> 16);
    }

    S get(K key, N namespace) {
        Entry<K, N, S>[] b = buckets;
        if (b == null) {
            return null;
        }
        int h = hash(key, namespace);
        for (Entry<K, N, S> e = b[h & (b.length - 1)]; e != null; e = e.next) {
            if (e.matches(h, key, namespace)) {
                return e.value;
            }
        }
        return null;
    }

    void put(K key, N namespace, S value) {
        int h = hash(key, namespace);
        if (buckets != null) {
            for (Entry<K, N, S> e = buckets[h & (buckets.length - 1)]; e != null; e = e.next) {
                if (e.matches(h, key, namespace)) {
                    e.value = value;
                    return;
                }
            }
        }
        if (buckets == null || size >= buckets.length - (buckets.length >>> 2)) {
            grow();
        }
        int i = h & (buckets.length - 1);
        buckets[i] = new Entry<>(key, namespace, h, value, buckets[i]);
        size++;
    }

    /** Removes the entry; returns its value, or null if there was none. */
    S remove(K key, N namespace) {
        if (buckets == null) {
            return null;
        }
        int h = hash(key, namespace);
        int i = h & (buckets.length - 1);
        Entry<K, N, S> previous = null;
        for (Entry<K, N, S> e = buckets[i]; e != null; previous = e, e = e.next) {
            if (e.matches(h, key, namespace)) {
                unlink(i, previous, e);
                return e.value;
            }
        }
        return null;
    }

    private void unlink(int bucket, Entry<K, N, S> previous, Entry<K, N, S> e) {
        if (previous == null) {
            buckets[bucket] = e.next;
        } else {
            previous.next = e.next;
        }
        size--;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        Entry<K, N, S>[] old = buckets;
        Entry<K, N, S>[] grown = new Entry[old == null ? INITIAL_CAPACITY : old.length * 2];
        if (old != null) {
            for (Entry<K, N, S> head : old) {
                for (Entry<K, N, S> e = head, next; e != null; e = next) {
                    next = e.next;
                    int i = e.hash & (grown.length - 1);
                    e.next = grown[i];
                    grown[i] = e;
                }
            }
        }
        buckets = grown;
    }

    int size() {
        return size;
    }

    /** Number of buckets, for walking the table incrementally with {@link #purgeBucket}. */
    int bucketCount() {
        return buckets == null ? 0 : buckets.length;
    }

    /** Drops the entries of one bucket that {@code purger} says are gone; returns how many entries it examined. */
    int purgeBucket(int bucket, Purger<S> purger, long now) {
        int examined = 0;
        Entry<K, N, S> previous = null;
        for (Entry<K, N, S> e = buckets[bucket]; e != null; e = e.next) {
            examined++;
            if (purger.purge(e.value, now)) {
                unlink(bucket, previous, e);
            } else {
                previous = e;
            }
        }
        return examined;
    }

    void forEach(StateEntryVisitor<K, N> visitor) throws Exception {
        if (buckets == null) {
            return;
        }
        for (Entry<K, N, S> head : buckets) {
            for (Entry<K, N, S> e = head; e != null; e = e.next) {
                visitor.visit(e.key, e.namespace, e.value);
            }
        }
    }
}
