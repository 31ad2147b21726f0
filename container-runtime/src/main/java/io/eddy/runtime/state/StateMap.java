package io.eddy.runtime.state;

import io.eddy.api.memory.DataOutputView;
import io.eddy.api.types.serializers.TypeSerializer;

import java.io.IOException;

/**
 * The content of one state in one key group: a hash table from (key, namespace) to the stored
 * value. Its own table rather than a {@code HashMap} keyed by a pair, so that a lookup allocates
 * nothing and snapshot writers can walk key, namespace and value directly.
 *
 * <p>Chained buckets in a power-of-two array, created on the first insert because most key groups
 * of a state may stay empty.
 *
 * <p>Copy-on-write for asynchronous snapshots ({@link CopyOnWriteVersions}): {@link #snapshot()}
 * hands the current bucket array to a writer thread in O(1). While that snapshot runs, the task
 * thread never changes an array, entry or value the snapshot can reach: before a change it copies
 * the array (once), the entries of the bucket's chain that are older than the pin (a chain is
 * short), and, before handing out a value that may be changed in place (lists, maps, accumulators,
 * time-to-live wrappers), the value with the state's serializer. Without a running snapshot each
 * of these checks is one comparison.
 *
 * <p>Read, then write: state is mostly used that way for one element (a reduction, {@code value()}
 * then {@code update()}, a window's contents checked, then added to), with the very same key and
 * namespace objects. The table remembers the entry its last lookup found or created, and a lookup
 * of those same objects, while no snapshot is running, takes it without hashing or walking a chain.
 * So one element costs one hash lookup per state, however often it reads and writes it.
 */
final class StateMap<K, N, S> {
    private static final int INITIAL_CAPACITY = 16;

    private static final class Entry<K, N, S> {
        final K key;
        final N namespace;
        final int hash;
        S value;
        Entry<K, N, S> next;
        /** Version this entry object was created in: its fields may be changed only when it is above the pin. */
        final int entryVersion;
        /**
         * Version {@link #value} was created in, or an earlier one (writes without a running snapshot
         * leave it): the value may be changed in place only when it is above the pin.
         */
        int valueVersion;

        Entry(K key, N namespace, int hash, S value, Entry<K, N, S> next, int entryVersion, int valueVersion) {
            this.key = key;
            this.namespace = namespace;
            this.hash = hash;
            this.value = value;
            this.next = next;
            this.entryVersion = entryVersion;
            this.valueVersion = valueVersion;
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

    /** What the writer of a snapshot needs of one entry. */
    interface EntryWriter<K, N, S> {
        void write(K key, N namespace, S value, DataOutputView out) throws IOException;
    }

    /** The table as it was when a snapshot was taken; nothing reachable from it changes until the snapshot is released. */
    static final class Snapshot<K, N, S> {
        private final Entry<K, N, S>[] buckets;
        private final int size;

        private Snapshot(Entry<K, N, S>[] buckets, int size) {
            this.buckets = buckets;
            this.size = size;
        }

        /** Writes the number of entries, then each entry; runs in the writer thread. */
        void writeTo(DataOutputView out, EntryWriter<K, N, S> writer) throws IOException {
            out.writeInt(size);
            if (buckets == null) {
                return;
            }
            for (Entry<K, N, S> head : buckets) {
                for (Entry<K, N, S> e = head; e != null; e = e.next) {
                    writer.write(e.key, e.namespace, e.value, out);
                }
            }
        }
    }

    private final CopyOnWriteVersions versions;
    /** Copies values that a snapshot shares before they are handed out for changing; the task thread's instance. */
    private final TypeSerializer<S> valueCopier;
    private Entry<K, N, S>[] buckets;
    private int bucketsVersion;
    private int size;
    /**
     * The entry the last get or put found or created, or null. Cleared whenever an entry may leave
     * its chain or be replaced by a copy, so it is always linked; used only while nothing is pinned.
     */
    private Entry<K, N, S> last;

    StateMap(CopyOnWriteVersions versions, TypeSerializer<S> valueCopier) {
        this.versions = versions;
        this.valueCopier = valueCopier;
    }

    private static int hash(Object key, Object namespace) {
        int h = key.hashCode() * 31 + namespace.hashCode();
        return h ^ (h >>> 16);
    }

    /** The value, owned by the table: the caller may change it in place. */
    S get(K key, N namespace) {
        Entry<K, N, S> e = last;
        if (e != null && e.key == key && e.namespace == namespace && versions.pinned() < 0) {
            return e.value;
        }
        Entry<K, N, S>[] b = buckets;
        if (b == null) {
            return null;
        }
        int h = hash(key, namespace);
        for (e = b[h & (b.length - 1)]; e != null; e = e.next) {
            if (e.matches(h, key, namespace)) {
                if (e.valueVersion > versions.pinned()) {
                    last = e;
                    return e.value;
                }
                return ownValue(ownEntry(h, key, namespace));
            }
        }
        return null;
    }

    void put(K key, N namespace, S value) {
        int pinned = versions.pinned();
        Entry<K, N, S> l = last;
        if (l != null && l.key == key && l.namespace == namespace && pinned < 0) {
            l.value = value;
            return;
        }
        int h = hash(key, namespace);
        if (buckets != null) {
            if (pinned >= 0) {
                ownChain(h & (buckets.length - 1), pinned);
            }
            for (Entry<K, N, S> e = buckets[h & (buckets.length - 1)]; e != null; e = e.next) {
                if (e.matches(h, key, namespace)) {
                    e.value = value;
                    last = e;
                    if (pinned >= 0) {
                        // spares reads of the new value a copy; without a snapshot the old version is as good
                        e.valueVersion = versions.current();
                    }
                    return;
                }
            }
        }
        if (buckets == null || size >= buckets.length - (buckets.length >>> 2)) {
            grow(pinned);
        }
        int i = h & (buckets.length - 1);
        int version = versions.current();
        buckets[i] = new Entry<>(key, namespace, h, value, buckets[i], version, version);
        last = buckets[i];
        size++;
    }

    /** Removes the entry, if any. */
    void remove(K key, N namespace) {
        removeEntry(key, namespace);
    }

    /** Removes the entry; returns its value, owned by the caller, or null if there was none. */
    S removeAndGet(K key, N namespace) {
        Entry<K, N, S> removed = removeEntry(key, namespace);
        return removed == null ? null : ownValue(removed);
    }

    private Entry<K, N, S> removeEntry(K key, N namespace) {
        if (buckets == null) {
            return null;
        }
        int h = hash(key, namespace);
        int i = h & (buckets.length - 1);
        int pinned = versions.pinned();
        if (pinned >= 0) {
            ownChain(i, pinned);
        }
        Entry<K, N, S> previous = null;
        for (Entry<K, N, S> e = buckets[i]; e != null; previous = e, e = e.next) {
            if (e.matches(h, key, namespace)) {
                unlink(i, previous, e);
                return e;
            }
        }
        return null;
    }

    private void unlink(int bucket, Entry<K, N, S> previous, Entry<K, N, S> e) {
        last = null;
        if (previous == null) {
            buckets[bucket] = e.next;
        } else {
            previous.next = e.next;
        }
        size--;
    }

    /** The entry of (key, namespace), which exists, after making its chain the table's own. */
    private Entry<K, N, S> ownEntry(int h, K key, N namespace) {
        int i = h & (buckets.length - 1);
        ownChain(i, versions.pinned());
        Entry<K, N, S> e = buckets[i];
        while (!e.matches(h, key, namespace)) {
            e = e.next;
        }
        return e;
    }

    /** The entry's value, first copied if a snapshot shares it; the entry must be the table's own. */
    private S ownValue(Entry<K, N, S> e) {
        if (e.valueVersion <= versions.pinned()) {
            e.value = valueCopier.copy(e.value);
            e.valueVersion = versions.current();
        }
        return e.value;
    }

    /** Replaces the bucket's entries that a snapshot may read by copies, so the chain can be changed. */
    private void ownChain(int bucket, int pinned) {
        last = null;
        if (bucketsVersion <= pinned) {
            ownBuckets();
        }
        Entry<K, N, S> previous = null;
        for (Entry<K, N, S> e = buckets[bucket]; e != null; previous = e, e = e.next) {
            if (e.entryVersion <= pinned) {
                e = copy(e, e.next);
                if (previous == null) {
                    buckets[bucket] = e;
                } else {
                    previous.next = e;
                }
            }
        }
    }

    private void ownBuckets() {
        buckets = buckets.clone();
        bucketsVersion = versions.current();
    }

    /** A new entry object in the current version; it still shares the value, whose version it keeps. */
    private Entry<K, N, S> copy(Entry<K, N, S> e, Entry<K, N, S> next) {
        return new Entry<>(e.key, e.namespace, e.hash, e.value, next, versions.current(), e.valueVersion);
    }

    @SuppressWarnings("unchecked")
    private void grow(int pinned) {
        last = null;
        Entry<K, N, S>[] old = buckets;
        Entry<K, N, S>[] grown = new Entry[old == null ? INITIAL_CAPACITY : old.length * 2];
        if (old != null) {
            for (Entry<K, N, S> head : old) {
                for (Entry<K, N, S> e = head, next; e != null; e = next) {
                    next = e.next;
                    int i = e.hash & (grown.length - 1);
                    // relinking changes next: entries a snapshot reads are moved as copies
                    Entry<K, N, S> moved = e.entryVersion <= pinned ? copy(e, null) : e;
                    moved.next = grown[i];
                    grown[i] = moved;
                }
            }
        }
        buckets = grown;
        bucketsVersion = versions.current();
    }

    int size() {
        return size;
    }

    /** The table as it is now, for a snapshot that has just pinned the current version; O(1). */
    Snapshot<K, N, S> snapshot() {
        return new Snapshot<>(buckets, size);
    }

    /** Number of buckets, for walking the table incrementally with {@link #purgeBucket}. */
    int bucketCount() {
        return buckets == null ? 0 : buckets.length;
    }

    /** Drops the entries of one bucket that {@code purger} says are gone; returns how many entries it examined. */
    int purgeBucket(int bucket, Purger<S> purger, long now) {
        int pinned = versions.pinned();
        if (pinned >= 0) {
            ownChain(bucket, pinned);
        }
        int examined = 0;
        Entry<K, N, S> previous = null;
        for (Entry<K, N, S> e = buckets[bucket]; e != null; e = e.next) {
            examined++;
            if (purger.purge(ownValue(e), now)) {
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
