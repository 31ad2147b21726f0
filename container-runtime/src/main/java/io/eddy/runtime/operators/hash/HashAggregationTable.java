package io.eddy.runtime.operators.hash;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.functions.SerializedReduceFunction;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.runtime.io.IOManager;
import io.eddy.runtime.io.SpillFile;
import io.eddy.runtime.io.SpillInputView;
import io.eddy.runtime.io.SpillOutputView;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.memory.MemoryManagerOptions;
import io.eddy.runtime.operators.KeyGroupedIterator;
import io.eddy.runtime.operators.sort.ExternalSorter;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reduces records by key in a hash table in managed memory: one serialized aggregate per key.
 *
 * <h2>Model</h2>
 * The aggregates live in {@link RecordPages}, one per partition, each record starting with its key in
 * the comparator's {@linkplain TypeComparator#writeKeyBytes byte form}: {@code [header][key bytes][serialized
 * aggregate]}. The table keeps no chains, so the header's link field holds the key's length instead
 * ({@link #SUPERSEDED} for a dead record). The index over them is an <em>open-addressing</em> array of
 * 8-byte slots in managed-memory pages, each slot the key's 32-bit hash (its tag) and the record's
 * 32-bit address in its partition; linear probing from {@code mix(hash) & mask}. A probe compares the
 * tag first and the key bytes only when the tags are equal, so it touches a record only to update it.
 *
 * <p>{@link #reduce} writes the record's key bytes once. Keys delimit themselves (no key's bytes are a
 * proper prefix of another's), so a stored record whose first bytes equal them holds that key. It then
 * reduces the record into the aggregate: a {@link SerializedReduceFunction} (sum, min, max of a number
 * field) changes the aggregate's bytes in place; any other function gets the deserialized aggregate, and
 * the result is written back <em>in place</em> when its serialized length is unchanged, otherwise
 * appended, the slot pointed at the new record and the old one marked {@link #SUPERSEDED} (garbage
 * until the next reset). A record costs no allocation on the in-place paths.
 *
 * <p>The slot array starts at {@value #INITIAL_SLOTS} slots and doubles when three quarters are used
 * and a page is free for it: its old pages go back and it is rebuilt from the records, which carry their
 * hashes. With no page for that, it fills up to seven eighths. Records and slots draw pages from the
 * {@link FreePages} as they need them, so a table of few keys holds few pages.
 *
 * <h2>When memory is full</h2>
 * A table made with {@link #HashAggregationTable(TypeSerializer, TypeComparator, ReduceFunction, FreePages)}
 * keeps one partition; {@link #reduce} returns false without changing anything, and the caller empties
 * it with {@link #emitAndReset} (a combiner forwards the partial aggregates, a solution set fails).
 * A <em>spilling</em> table ({@link #spilling}) splits its keys over up to {@value #MAX_PARTITIONS}
 * partitions by high bits of the mixed hash; when full it moves the largest partition in memory to a
 * file (its pages as they are, the last one kept as the file's write buffer) and rebuilds the slots
 * from the others; later records of that partition follow it to the file unreduced. So every key lies
 * whole either in memory or in one partition's file. {@link #emitAndReset} emits the keys in memory,
 * then aggregates each file with a new table one <em>level</em> deeper, whose different hash seed
 * spreads the partition over new partitions, and which may spill in turn, up to {@value #MAX_LEVELS}
 * levels. A partition that no deeper table can take (too few pages left for one, or keys that still
 * hash alike at the deepest level) is sorted by an {@link ExternalSorter} instead, which needs only
 * three pages and spills runs, and each run of equal keys is reduced. The files are deleted as they
 * are read, and by {@link #close()} on failure or cancellation. A spilling table given fewer than
 * {@value #MIN_SPILLING_PAGES} pages (but the sort's three) has no room for two partitions and is that
 * sort from the start: every record goes into the {@link ExternalSorter}, and {@link #emitAndReset}
 * reduces its runs of equal keys.
 *
 * <p>Ownership: the caller owns the free pages and closes them after {@link #close()}, which gives
 * the table's pages back to them. Threading: one thread.
 */
public final class HashAggregationTable<T> implements AutoCloseable {
    /** Deepest recursion of a spilling table's partitions. */
    public static final int MAX_LEVELS = 8;
    /** Pages a table needs at least. */
    public static final int MIN_PAGES = 4;
    /** Pages a spilling table hashes with at least, at every level: two partitions, their buffers, the slots; below, it sorts. */
    public static final int MIN_SPILLING_PAGES = 8;
    /** Pages a spilling table needs at least: those of the sort it becomes below {@link #MIN_SPILLING_PAGES}. */
    public static final int MIN_SORTING_PAGES = 3;
    /** Slots in use when the table is empty; a power of two. */
    static final int INITIAL_SLOTS = 1024;
    private static final int MAX_PARTITIONS = 32;
    /** Pages the sort of a spilled partition needs besides its read buffer. */
    private static final int SORT_PAGES = MIN_SORTING_PAGES;
    /** The most slots: a 2 GiB array. */
    private static final int MAX_SLOTS = 1 << 28;
    /** The address half of an empty slot (all slot bytes 0xff): no record starts at the last byte of 4 GiB. */
    private static final int EMPTY = -1;
    /** The link field of a record whose aggregate moved to a newer record. */
    private static final long SUPERSEDED = -2L;
    private static final VarHandle SLOT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final ReduceFunction<T> function;
    /** The function when it reduces into serialized aggregates, else null. */
    private final SerializedReduceFunction<T> serializedFunction;
    private final FreePages freePages;
    private final int pageSize;
    /** The budget in pages when the table was made (free or held). */
    private final int pageCount;
    /** Where partitions spill, or null for a table that reports full instead. */
    private final IOManager ioManager;
    private final Object owner;
    private final int level;
    private final int seed;

    /** The slot array's pages; slot {@code s} is in page {@code s >>> slotShift}, at byte {@code (s & slotsPerPageMask) * 8}. */
    private final List<MemorySegment> slotPages = new ArrayList<>();
    /** The slot pages' arrays, indexed as {@link #slotPages}: slots are read and written in native byte order. */
    private byte[][] slotArrays = new byte[0][];
    private final int slotShift;
    private final int slotsPerPageMask;
    private int slotMask;
    /** Keys in memory above which the slots double (when a page allows) and above which the table is full. */
    private int growAt;
    private int fullAt;
    private long keys;

    private final Partition[] partitions;
    private final int partitionMask;
    /** The most pages a partition may hold, so that its records' addresses fit a slot's 32 bits. */
    private final long maxPagesPerPartition;

    /** The key bytes of the record being reduced. */
    private final SegmentOutputView keyBytes = new SegmentOutputView(64);
    private final SegmentOutputView scratch = new SegmentOutputView(64);
    private T stored;
    private T spilledRecord;
    private byte[] spilledKey = new byte[64];
    private HashAggregationTable<T> child;
    /** Sorts a spilled partition that no deeper table can take. */
    private ExternalSorter<T> sortedFallback;
    /** Every record, when the table had too few pages to hash ({@link #MIN_SPILLING_PAGES}); null when it hashes. */
    private ExternalSorter<T> sortingInstead;
    private int spilledPartitions;
    private int sortedPartitions;
    private int deepestLevel;

    /** A table that reports full ({@link #reduce} returns false) when its pages are used up. */
    public HashAggregationTable(TypeSerializer<T> serializer, TypeComparator<T> comparator, ReduceFunction<T> function,
            FreePages freePages) {
        this(serializer.duplicate(), checked(comparator).duplicate(), function, freePages, null, null, 0);
    }

    /** Over pages allocated elsewhere, which the caller releases after {@link #close()}. */
    public HashAggregationTable(TypeSerializer<T> serializer, TypeComparator<T> comparator, ReduceFunction<T> function,
            List<MemorySegment> pages) {
        this(serializer, comparator, function, FreePages.of(pages));
    }

    /**
     * A table that never reports full: it moves partitions to files of {@code ioManager} (owned by
     * {@code owner}) and aggregates them in {@link #emitAndReset}.
     */
    public static <T> HashAggregationTable<T> spilling(TypeSerializer<T> serializer, TypeComparator<T> comparator,
            ReduceFunction<T> function, FreePages freePages, IOManager ioManager, Object owner) {
        return new HashAggregationTable<>(serializer.duplicate(), checked(comparator).duplicate(), function, freePages,
                ioManager, owner, 0);
    }

    private HashAggregationTable(TypeSerializer<T> serializer, TypeComparator<T> comparator, ReduceFunction<T> function,
            FreePages freePages, IOManager ioManager, Object owner, int level) {
        int least = ioManager == null ? MIN_PAGES : MIN_SORTING_PAGES;
        if (freePages.size() < least) {
            throw new IllegalArgumentException("A hash aggregation needs at least " + least + " pages of managed memory, got "
                    + freePages.size() + ": raise " + MemoryManagerOptions.MANAGED_SIZE.key() + " or the operator's share of it");
        }
        this.serializer = serializer;
        this.comparator = comparator;
        this.function = function;
        this.serializedFunction = function instanceof SerializedReduceFunction<T> f ? f : null;
        this.freePages = freePages;
        this.pageSize = freePages.pageSize();
        this.pageCount = freePages.size();
        this.ioManager = ioManager;
        this.owner = owner;
        this.level = level;
        this.seed = 0x2545F491 * (level + 1);
        this.slotShift = Integer.numberOfTrailingZeros(pageSize / 8);
        this.slotsPerPageMask = pageSize / 8 - 1;
        boolean sorts = ioManager != null && pageCount < MIN_SPILLING_PAGES; // only at level 0: children need as many
        int count = sorts ? 0 : ioManager == null ? 1 : Math.max(2, Math.min(MAX_PARTITIONS, Integer.highestOneBit(pageCount / 4)));
        this.partitions = new HashAggregationTable.Partition[count];
        for (int i = 0; i < count; i++) {
            partitions[i] = new Partition();
        }
        this.partitionMask = count - 1;
        this.maxPagesPerPartition = (1L << 32) / pageSize - 1;
        this.stored = serializer.createInstance();
        this.deepestLevel = level;
        if (sorts) {
            sortingInstead = new ExternalSorter<>(serializer, comparator, freePages, ioManager, owner);
        } else {
            resizeSlots(initialSlots());
        }
    }

    /** {@value #INITIAL_SLOTS}, or fewer to fit one page. */
    private int initialSlots() {
        return Math.min(INITIAL_SLOTS, pageSize / 8);
    }

    private static <T> TypeComparator<T> checked(TypeComparator<T> comparator) {
        if (!comparator.supportsKeyBytes()) {
            throw new IllegalArgumentException("A hash aggregation compares keys as bytes, which " + comparator
                    + " cannot write: group by sorting instead");
        }
        return comparator;
    }

    // ---------------------------------------------------------------- slots

    /** Spreads a key hash; the seed differs per level, so a spilled partition splits anew one level deeper. */
    private int mix(int hash) {
        int h = (hash ^ seed) * 0x9E3779B1;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }

    private Partition partitionOf(int mixed) {
        return partitions[(mixed >>> 27) & partitionMask];
    }

    private long slot(int s) {
        return (long) SLOT.get(slotArrays[s >>> slotShift], (s & slotsPerPageMask) << 3);
    }

    private void setSlot(int s, int hash, long pointer) {
        SLOT.set(slotArrays[s >>> slotShift], (s & slotsPerPageMask) << 3, ((long) hash << 32) | (pointer & 0xffffffffL));
    }

    /** Pages an array of {@code slots} slots takes. */
    private int pagesFor(int slots) {
        return (int) (((long) slots * 8 + pageSize - 1) / pageSize);
    }

    /**
     * Makes the slot array {@code slots} slots long, empty: gives its pages back and draws what it needs
     * (the caller checked they are free). The records then go in again with {@link #indexRecords}.
     */
    private void resizeSlots(int slots) {
        int pages = pagesFor(slots);
        while (slotPages.size() > pages) {
            freePages.push(slotPages.remove(slotPages.size() - 1));
        }
        while (slotPages.size() < pages) {
            slotPages.add(freePages.pop());
        }
        slotArrays = new byte[pages][];
        for (int i = 0; i < pages; i++) {
            slotArrays[i] = slotPages.get(i).array();
            slotPages.get(i).fill(0, (int) Math.min(pageSize, slots * 8L), (byte) 0xff);
        }
        slotMask = slots - 1;
        growAt = slots / 4 * 3;
        fullAt = slots / 8 * 7;
    }

    private void releaseSlots() {
        while (!slotPages.isEmpty()) {
            freePages.push(slotPages.remove(slotPages.size() - 1));
        }
        slotArrays = new byte[0][];
    }

    /** Doubles the slots when a page allows; else the table goes on until {@link #fullAt}. */
    private void grow() {
        int slots = slotMask + 1;
        if (slots >= MAX_SLOTS || freePages.size() < pagesFor(2 * slots) - slotPages.size()) {
            growAt = Integer.MAX_VALUE;
            return;
        }
        resizeSlots(2 * slots);
        indexRecords();
    }

    /** Puts every live record of the partitions in memory into the (empty) slots. */
    private void indexRecords() {
        for (Partition p : partitions) {
            if (p.spill != null) {
                continue;
            }
            RecordPages records = p.records;
            long end = records.end();
            for (long pointer = 0; pointer < end && records.size() > 0; pointer = records.following(pointer)) {
                if (records.next(pointer) != SUPERSEDED) {
                    int hash = records.hash(pointer);
                    int s = mix(hash) & slotMask;
                    while ((int) slot(s) != EMPTY) {
                        s = (s + 1) & slotMask;
                    }
                    setSlot(s, hash, pointer);
                }
            }
        }
    }

    // ---------------------------------------------------------------- reduce

    /**
     * Reduces {@code record} into the aggregate of its key, or stores it as the first of its key. False,
     * with the table unchanged, when the memory is full: then {@link #emitAndReset} and call again. A
     * spilling table always returns true.
     */
    public boolean reduce(T record) throws Exception {
        if (sortingInstead != null) {
            sortingInstead.add(record);
            return true;
        }
        int hash = comparator.hash(record);
        int mixed = mix(hash);
        Partition partition = partitionOf(mixed);
        // the common case in few bytecodes, so that it compiles into the caller: a key in memory, reduced in place
        boolean inPlace = serializedFunction != null && partition.spill == null;
        int s = mixed & slotMask;
        // read before the key bytes are written, so that for a cold key the slot's miss overlaps that of the key's bytes
        long first = inPlace ? slot(s) : EMPTY;
        keyBytes.clear();
        comparator.writeKeyBytes(record, keyBytes);
        byte[] key = keyBytes.getSharedBuffer();
        int keyLength = keyBytes.length();
        if (inPlace) {
            RecordPages records = partition.records;
            for (long entry = first; (int) entry != EMPTY; entry = slot(s = (s + 1) & slotMask)) {
                long pointer = entry & 0xffffffffL;
                if ((int) (entry >>> 32) == hash && records.startsWith(pointer, key, 0, keyLength)) {
                    if (reduceInPlace(records, pointer, keyLength, record)) {
                        return true;
                    }
                    break;
                }
            }
        }
        return reduce(record, hash, key, keyLength);
    }

    /** Reduces {@code record}, of hash {@code hash} and key bytes {@code key[0, keyLength)}. */
    private boolean reduce(T record, int hash, byte[] key, int keyLength) throws Exception {
        while (true) {
            int mixed = mix(hash);
            Partition partition = partitionOf(mixed);
            if (partition.spill != null) {
                partition.spillRecord(hash, key, keyLength, record);
                return true;
            }
            RecordPages records = partition.records;
            int s = mixed & slotMask;
            long entry;
            while ((int) (entry = slot(s)) != EMPTY) {
                long pointer = entry & 0xffffffffL;
                if ((int) (entry >>> 32) == hash && records.startsWith(pointer, key, 0, keyLength)) {
                    break;
                }
                s = (s + 1) & slotMask;
            }
            if ((int) entry != EMPTY) {
                long pointer = entry & 0xffffffffL;
                if (reduceInPlace(records, pointer, keyLength, record)
                        || update(records, s, pointer, hash, key, keyLength, record)) {
                    return true;
                }
            } else if (keys < fullAt) {
                long pointer = records.append(hash, key, 0, keyLength, serializer, record);
                if (pointer >= 0) {
                    records.setNext(pointer, keyLength);
                    setSlot(s, hash, pointer);
                    keys++;
                    partition.keys++;
                    if (keys > growAt) {
                        grow();
                    }
                    return true;
                }
            }
            // no page for the new record, or the slots are full
            if (ioManager == null) {
                return false;
            }
            spillLargestPartition();
        }
    }

    /**
     * Reduces {@code record} into the serialized aggregate of the record at {@code pointer}, whose key has
     * {@code keyLength} bytes, with the {@link SerializedReduceFunction}; false, with nothing changed, when
     * there is none or it cannot (then {@link #update}).
     */
    private boolean reduceInPlace(RecordPages records, long pointer, int keyLength, T record) {
        if (serializedFunction == null) {
            return false;
        }
        long aggregate = pointer + RecordPages.HEADER + keyLength;
        int length = records.length(pointer) - keyLength;
        int offset = records.offset(aggregate);
        return offset + length <= pageSize
                && serializedFunction.reduceSerialized(records.page(aggregate), offset, length, record, serializer);
    }

    /**
     * Reduces {@code record} into the aggregate of the record at {@code pointer}, in slot {@code s}; false,
     * with nothing changed, when the result is longer or shorter and no page is left for it.
     */
    private boolean update(RecordPages records, int s, long pointer, int hash, byte[] key, int keyLength, T record)
            throws Exception {
        long aggregate = pointer + RecordPages.HEADER + keyLength;
        int length = records.length(pointer) - keyLength;
        stored = serializer.deserialize(stored, records.at(aggregate));
        T result = function.reduce(stored, record);
        scratch.clear();
        serializer.serialize(result, scratch);
        if (scratch.length() == length) {
            records.overwrite(aggregate, scratch.getSharedBuffer(), length);
            return true;
        }
        long replacement = records.append(hash, key, 0, keyLength, serializer, result);
        if (replacement < 0) {
            return false;
        }
        records.setNext(replacement, keyLength);
        records.setNext(pointer, SUPERSEDED);
        setSlot(s, hash, replacement);
        return true;
    }

    private void spillLargestPartition() throws IOException {
        Partition largest = null;
        for (Partition p : partitions) {
            if (p.spill == null && p.records.pageCount() > 0
                    && (largest == null || p.records.pageCount() > largest.records.pageCount())) {
                largest = p;
            }
        }
        if (largest == null) {
            throw new IllegalStateException("A record does not fit into the hash aggregation's " + pageCount
                    + " pages of managed memory: raise " + MemoryManagerOptions.MANAGED_SIZE.key() + " or the operator's share of it");
        }
        largest.spill();
        resizeSlots(slotMask + 1);
        indexRecords();
    }

    /**
     * The stored record among those of hash {@code hash} that {@code matches} accepts, as a new object,
     * or null: a lookup by a key of another type, whose hash is computed the same way. Only the keys in
     * memory are searched.
     */
    public T find(int hash, Predicate<T> matches) throws IOException {
        int mixed = mix(hash);
        Partition partition = partitionOf(mixed);
        if (partition.spill != null) {
            return null;
        }
        RecordPages records = partition.records;
        int s = mixed & slotMask;
        for (long entry = slot(s); (int) entry != EMPTY; entry = slot(s = (s + 1) & slotMask)) {
            if ((int) (entry >>> 32) == hash) {
                long pointer = entry & 0xffffffffL;
                T candidate = serializer.deserialize(records.at(pointer + RecordPages.HEADER + records.next(pointer)));
                if (matches.test(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Number of keys in memory. */
    public long size() {
        return keys;
    }

    /** Partitions that went to disk, at every level, since the table was made. */
    public int getSpilledPartitions() {
        return spilledPartitions;
    }

    /** Spilled partitions aggregated by sorting, since no deeper table could take them. */
    public int getSortedPartitions() {
        return sortedPartitions;
    }

    /** The deepest recursion level reached (0 when everything fit). */
    public int getDeepestLevel() {
        return deepestLevel;
    }

    // ---------------------------------------------------------------- emit

    /**
     * Emits one aggregate per key (in no particular order; the instance is reused) and empties the
     * table: first the keys in memory, then, for a spilling table, those of each spilled partition.
     */
    public void emitAndReset(Collector<T> out) throws Exception {
        if (sortingInstead != null) {
            reduceSorted(sortingInstead, out);
            sortingInstead.close();
            sortingInstead = new ExternalSorter<>(serializer, comparator, freePages, ioManager, owner);
            return;
        }
        for (Partition p : partitions) {
            if (p.spill == null) {
                p.emit(out);
            }
        }
        List<Partition> spilled = new ArrayList<>();
        for (Partition p : partitions) {
            p.records.clear();
            p.keys = 0;
            if (p.spill != null) {
                p.closeSpill();
                spilled.add(p);
            }
        }
        keys = 0;
        resizeSlots(initialSlots());
        for (Partition p : spilled) {
            aggregateSpilled(p, out);
        }
    }

    /**
     * Aggregates a spilled partition's file with a table one level deeper, on every page free now but one;
     * when there are too few pages for a deeper table, or the partition is still too large at the deepest
     * level (keys that hash alike), it sorts the file instead and reduces each run of equal keys.
     */
    private void aggregateSpilled(Partition p, Collector<T> out) throws Exception {
        // the deeper table or the sort draws its own pages: this level's slots go back while it runs
        releaseSlots();
        MemorySegment readBuffer = freePages.pop();
        if (level + 1 < MAX_LEVELS && freePages.size() >= MIN_SPILLING_PAGES) {
            child = new HashAggregationTable<>(serializer, comparator, function, freePages, ioManager, owner, level + 1);
            readSpilled(p, readBuffer, (record, hash, key, keyLength) -> child.reduce(record, hash, key, keyLength));
            child.emitAndReset(out);
            spilledPartitions += child.spilledPartitions;
            sortedPartitions += child.sortedPartitions;
            deepestLevel = Math.max(deepestLevel, child.deepestLevel);
            child.close();
            child = null;
        } else if (freePages.size() >= SORT_PAGES) {
            sortedFallback = new ExternalSorter<>(serializer, comparator, freePages, ioManager, owner);
            readSpilled(p, readBuffer, (record, hash, key, keyLength) -> sortedFallback.add(record));
            reduceSorted(sortedFallback, out);
            sortedPartitions++;
            sortedFallback.close();
            sortedFallback = null;
        } else {
            freePages.push(readBuffer);
            throw new IllegalStateException("A hash aggregation partition of " + p.spilledRecords + " records needs more than "
                    + pageCount + " pages of managed memory to be aggregated: raise " + MemoryManagerOptions.MANAGED_SIZE.key()
                    + " or the operator's share of it");
        }
        ioManager.delete(p.file);
        p.file = null;
        p.spilledRecords = 0;
        freePages.push(readBuffer);
        resizeSlots(initialSlots());
    }

    /** Emits the reduction of each run of equal keys of {@code sorter}'s sorted records. */
    private void reduceSorted(ExternalSorter<T> sorter, Collector<T> out) throws Exception {
        KeyGroupedIterator<T> groups = new KeyGroupedIterator<>(sorter.sorted(), comparator);
        while (groups.nextKey()) {
            out.collect(KeyGroupedIterator.reduce(groups.values(), function, serializer));
        }
    }

    /** One live record of a spilled partition's file, with its key hash and key bytes. */
    @FunctionalInterface
    private interface SpilledRecordSink<T> {
        void accept(T record, int hash, byte[] key, int keyLength) throws Exception;
    }

    /** Reads a spilled partition's live records (not the superseded ones) into {@code sink}. */
    private void readSpilled(Partition p, MemorySegment readBuffer, SpilledRecordSink<T> sink) throws Exception {
        try (SpillInputView in = new SpillInputView(ioManager.openReader(p.file), readBuffer)) {
            if (spilledRecord == null) {
                spilledRecord = serializer.createInstance();
            }
            for (long i = 0; i < p.spilledRecords; i++) {
                RecordPages.skipToHeader(in, pageSize);
                long link = in.readLong();
                int hash = in.readInt();
                int length = in.readInt();
                if (link == SUPERSEDED) {
                    in.skipBytesToRead(length);
                    continue;
                }
                int keyLength = (int) link;
                if (keyLength > spilledKey.length) {
                    spilledKey = new byte[Math.max(keyLength, 2 * spilledKey.length)];
                }
                in.readFully(spilledKey, 0, keyLength);
                spilledRecord = serializer.deserialize(spilledRecord, in);
                sink.accept(spilledRecord, hash, spilledKey, keyLength);
            }
        }
    }

    /** Drops the contents, deletes every spill file and gives every page back to the free pages. */
    @Override
    public void close() {
        if (child != null) {
            child.close();
            child = null;
        }
        if (sortedFallback != null) {
            sortedFallback.close();
            sortedFallback = null;
        }
        if (sortingInstead != null) {
            sortingInstead.close();
            sortingInstead = null;
        }
        for (Partition p : partitions) {
            p.records.clear();
            p.keys = 0;
            p.discardSpill();
        }
        releaseSlots();
        keys = 0;
    }

    /** One hash partition: its records in memory, or (spilled) a file they went to. */
    private final class Partition {
        final RecordPages records = new RecordPages(new RecordPages.PageSupply() {
            @Override
            public MemorySegment take() {
                return records.pageCount() < maxPagesPerPartition ? freePages.poll() : null;
            }

            @Override
            public void giveBack(MemorySegment page) {
                freePages.push(page);
            }
        }, pageSize);
        long keys;
        SpillFile file;
        /** Writes the spilled records; null while the partition is in memory or once its file is complete. */
        SpillOutputView spill;
        /** Records in the file: the aggregates spilled with the pages (some superseded), then the records after. */
        long spilledRecords;

        /** Emits the live aggregates in the order they were stored. */
        void emit(Collector<T> out) throws IOException {
            long end = records.end();
            for (long pointer = 0; pointer < end && records.size() > 0; pointer = records.following(pointer)) {
                long keyLength = records.next(pointer);
                if (keyLength != SUPERSEDED) {
                    stored = serializer.deserialize(stored, records.at(pointer + RecordPages.HEADER + keyLength));
                    out.collect(stored);
                }
            }
        }

        /** Moves the pages to a file as they are and keeps the last, partly filled, page as the file's write buffer. */
        void spill() throws IOException {
            file = ioManager.createSpillFile(owner);
            var writer = ioManager.openWriter(file);
            int positionInLast = records.positionInLastPage();
            spilledRecords = records.size();
            HashAggregationTable.this.keys -= keys;
            keys = 0;
            List<MemorySegment> taken = records.takePages();
            for (int i = 0; i < taken.size() - 1; i++) {
                writer.write(taken.get(i), pageSize);
                freePages.push(taken.get(i));
            }
            spill = new SpillOutputView(writer, taken.get(taken.size() - 1), positionInLast);
            spilledPartitions++;
        }

        /** Appends a record to the file in the layout of the records in memory: its key, then the record itself. */
        void spillRecord(int hash, byte[] key, int keyLength, T record) throws IOException {
            scratch.clear();
            serializer.serialize(record, scratch);
            int left = pageSize - spill.getPositionInPage();
            if (left < RecordPages.HEADER) {
                for (int i = 0; i < left; i++) {
                    spill.write(0); // a header never spans pages
                }
            }
            spill.writeLong(keyLength);
            spill.writeInt(hash);
            spill.writeInt(keyLength + scratch.length());
            spill.write(key, 0, keyLength);
            spill.write(scratch.getSharedBuffer(), 0, scratch.length());
            spilledRecords++;
        }

        /** Completes the file and gives its write buffer back. */
        void closeSpill() throws IOException {
            spill.close();
            freePages.push(spill.getCurrentPage());
            spill = null;
        }

        /** Closes and deletes the file, if any (failure, cancellation). */
        void discardSpill() {
            if (spill != null) {
                try {
                    spill.close();
                } catch (IOException e) {
                    // the file is deleted next
                }
                freePages.push(spill.getCurrentPage());
                spill = null;
            }
            if (file != null) {
                ioManager.delete(file);
                file = null;
            }
        }
    }
}
