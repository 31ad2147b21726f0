package io.eddy.runtime.operators.hash;

import io.eddy.api.functions.Collector;
import io.eddy.api.functions.ReduceFunction;
import io.eddy.api.functions.SerializedReduceFunction;
import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.serializers.VarInts;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.memory.MemoryManagerOptions;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reduces records by key in a hash table in managed memory: one serialized aggregate per key.
 *
 * <h2>Model</h2>
 * An eighth of the budget is set aside for the bucket array (8-byte chain heads), the rest holds the
 * records in the {@link RecordPages} layout, chained through their headers. Both take their pages from
 * the {@link FreePages} as they fill: the bucket array starts at {@value #INITIAL_BUCKETS} buckets and
 * doubles (splitting every chain in two) when the keys outnumber the buckets, drawing its pages as it
 * grows; the records never take the pages kept for the bucket array's growth. So a table of few keys
 * holds few pages, and probes a bucket array that stays in the CPU caches.
 *
 * <p>Each stored record starts with its key in the comparator's {@linkplain TypeComparator#writeKeyBytes
 * byte form}: {@code [varint key length][key bytes][serialized aggregate]}. {@link #reduce} writes the
 * probing record's key bytes once, and a chain entry matches when its hash and then its key bytes are
 * equal: no stored record is deserialized to find the key (the price: the key's bytes, stored once more,
 * and one length byte per record). It then reduces the record into the
 * aggregate: a {@link SerializedReduceFunction} (sum, min, max of a number field) changes the aggregate's
 * bytes in place; any other function gets the deserialized aggregate, and the result is written back
 * <em>in place</em> when its serialized length is unchanged, otherwise appended, the old bytes unlinked
 * and left as garbage until the next reset.
 *
 * <p>When no page is left, {@link #reduce} returns false without changing anything: the caller empties
 * the table with {@link #emitAndReset} and reduces the record again. A combiner forwards the emitted
 * partial aggregates downstream; a final aggregation falls back to sorting them with an
 * {@link io.eddy.runtime.operators.sort.ExternalSorter} whose combiner applies the same reduce function.
 *
 * <p>Ownership: the caller owns the free pages and closes them after {@link #close()}, which gives
 * the table's pages back to them. One thread.
 */
public final class HashAggregationTable<T> implements AutoCloseable {
    /** Buckets in use when the table is empty; a power of two. */
    static final int INITIAL_BUCKETS = 1024;

    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final ReduceFunction<T> function;
    /** The function when it reduces into serialized aggregates, else null. */
    private final SerializedReduceFunction<T> serializedFunction;
    private final int pageSize;
    /** Bucket pages drawn so far: the first {@code bucketPages} of the array. */
    private final MemorySegment[] buckets;
    private int bucketPages;
    /** The largest bucket mask the bucket pages set aside allow. */
    private final int maxBucketMask;
    /** Buckets in use minus one: a slot is {@code mix(hash) & bucketMask}. */
    private int bucketMask;
    private final int bucketShift;
    private final FreePages freePages;
    private final RecordPages records;
    private final SegmentOutputView scratch = new SegmentOutputView(64);
    /** The key bytes of the record being reduced. */
    private final SegmentOutputView keyBytes = new SegmentOutputView(64);
    /** The stored form of that key, which starts its record: {@code [varint length][key bytes]}. */
    private final SegmentOutputView key = new SegmentOutputView(64);
    private T stored;
    private long keys;

    public HashAggregationTable(TypeSerializer<T> serializer, TypeComparator<T> comparator, ReduceFunction<T> function,
            FreePages freePages) {
        if (freePages.size() < 4) {
            throw new IllegalArgumentException("A hash aggregation needs at least 4 pages of managed memory, got " + freePages.size()
                    + ": raise " + MemoryManagerOptions.MANAGED_SIZE.key() + " or the operator's share of it");
        }
        if (!comparator.supportsKeyBytes()) {
            throw new IllegalArgumentException("A hash aggregation compares keys as bytes, which " + comparator
                    + " cannot write: group by sorting instead");
        }
        this.serializer = serializer.duplicate();
        this.comparator = comparator.duplicate();
        this.function = function;
        this.serializedFunction = function instanceof SerializedReduceFunction<T> f ? f : null;
        this.pageSize = freePages.pageSize();
        this.buckets = new MemorySegment[Integer.highestOneBit(Math.max(1, freePages.size() / 8))];
        this.bucketShift = Integer.numberOfTrailingZeros(pageSize / 8);
        this.maxBucketMask = buckets.length * (pageSize / 8) - 1;
        this.freePages = freePages;
        this.records = new RecordPages(new RecordPages.PageSupply() {
            @Override
            public MemorySegment take() {
                return freePages.size() > buckets.length - bucketPages ? freePages.poll() : null;
            }

            @Override
            public void giveBack(MemorySegment page) {
                freePages.push(page);
            }
        }, pageSize);
        this.stored = this.serializer.createInstance();
        clearBuckets();
    }

    /** Over pages allocated elsewhere, which the caller releases after {@link #close()}. */
    public HashAggregationTable(TypeSerializer<T> serializer, TypeComparator<T> comparator, ReduceFunction<T> function,
            List<MemorySegment> pages) {
        this(serializer, comparator, function, FreePages.of(pages));
    }

    /** Back to the initial number of buckets, all empty. */
    private void clearBuckets() {
        bucketMask = Math.min(INITIAL_BUCKETS - 1, maxBucketMask);
        fillBuckets(0, bucketMask + 1);
    }

    /** Empties slots {@code [from, to)}, drawing the bucket pages they need. */
    private void fillBuckets(int from, int to) {
        int perPage = pageSize / 8;
        while (bucketPages < buckets.length && (long) bucketPages * perPage < to) {
            buckets[bucketPages++] = freePages.pop();
        }
        for (int slot = from; slot < to; ) {
            int inPage = slot & (perPage - 1);
            int n = Math.min(to - slot, perPage - inPage);
            buckets[slot >>> bucketShift].fill(inPage * 8, n * 8, (byte) 0xff);
            slot += n;
        }
    }

    /**
     * Doubles the buckets in use: the chain of slot {@code s} splits between {@code s} and
     * {@code s + old}, by the one more hash bit the wider mask takes, each part in its old order.
     */
    private void grow() {
        int oldSlots = bucketMask + 1;
        fillBuckets(oldSlots, 2 * oldSlots);
        bucketMask = 2 * oldSlots - 1;
        for (int slot = 0; slot < oldSlots; slot++) {
            long stayTail = -1;
            long moveTail = -1;
            for (long pointer = head(slot); pointer >= 0; ) {
                long next = records.next(pointer);
                records.setNext(pointer, -1);
                if ((mix(records.hash(pointer)) & oldSlots) == 0) {
                    if (stayTail < 0) {
                        setHead(slot, pointer);
                    } else {
                        records.setNext(stayTail, pointer);
                    }
                    stayTail = pointer;
                } else {
                    if (moveTail < 0) {
                        setHead(slot + oldSlots, pointer);
                    } else {
                        records.setNext(moveTail, pointer);
                    }
                    moveTail = pointer;
                }
                pointer = next;
            }
            if (stayTail < 0) {
                setHead(slot, -1);
            }
        }
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B1;
        return h ^ (h >>> 16);
    }

    private long head(int slot) {
        return buckets[slot >>> bucketShift].getLong((slot & (pageSize / 8 - 1)) * 8);
    }

    private void setHead(int slot, long pointer) {
        buckets[slot >>> bucketShift].putLong((slot & (pageSize / 8 - 1)) * 8, pointer);
    }

    /**
     * Reduces {@code record} into the aggregate of its key, or stores it as the first of its key. False,
     * with the table unchanged, when the memory is full: then {@link #emitAndReset} and call again.
     */
    public boolean reduce(T record) throws Exception {
        int hash = comparator.hash(record);
        keyBytes.clear();
        comparator.writeKeyBytes(record, keyBytes);
        key.clear();
        VarInts.write(keyBytes.length(), key);
        key.write(keyBytes.getSharedBuffer(), 0, keyBytes.length());
        byte[] prefix = key.getSharedBuffer();
        int keyLength = key.length();
        int slot = mix(hash) & bucketMask;
        long previous = -1;
        for (long pointer = head(slot); pointer >= 0; previous = pointer, pointer = records.next(pointer)) {
            if (records.hash(pointer) != hash || !records.startsWith(pointer, prefix, keyLength)) {
                continue;
            }
            long aggregate = pointer + RecordPages.HEADER + keyLength;
            int length = records.length(pointer) - keyLength;
            int offset = records.offset(aggregate);
            if (serializedFunction != null && offset + length <= pageSize
                    && serializedFunction.reduceSerialized(records.page(aggregate), offset, length, record, serializer)) {
                return true;
            }
            DataInputView in = records.at(aggregate);
            stored = stored == null ? serializer.deserialize(in) : serializer.deserialize(stored, in);
            T result = function.reduce(stored, record);
            scratch.clear();
            serializer.serialize(result, scratch);
            if (scratch.length() == length) {
                records.overwrite(aggregate, scratch.getSharedBuffer(), length);
                return true;
            }
            long replacement = records.append(hash, prefix, keyLength, serializer, result);
            if (replacement < 0) {
                return false;
            }
            records.setNext(replacement, records.next(pointer));
            if (previous < 0) {
                setHead(slot, replacement);
            } else {
                records.setNext(previous, replacement);
            }
            return true;
        }
        // a new key goes to the end of its chain: the keys that came first, on skewed input the
        // frequent ones, stay first and are found after fewer record headers
        long pointer = records.append(hash, prefix, keyLength, serializer, record);
        if (pointer < 0) {
            return false;
        }
        if (previous < 0) {
            setHead(slot, pointer);
        } else {
            records.setNext(previous, pointer);
        }
        keys++;
        if (keys > bucketMask && bucketMask < maxBucketMask) {
            grow();
        }
        return true;
    }

    /** The aggregate stored at {@code pointer}, read past its key prefix into the reused instance. */
    private T readAggregate(long pointer) throws IOException {
        DataInputView in = records.recordAt(pointer);
        in.skipBytesToRead(VarInts.read(in));
        stored = stored == null ? serializer.deserialize(in) : serializer.deserialize(stored, in);
        return stored;
    }

    /**
     * The stored record among those of hash {@code hash} that {@code matches} accepts, as a new object,
     * or null: a lookup by a key of another type, whose hash is computed the same way.
     */
    public T find(int hash, Predicate<T> matches) throws IOException {
        int slot = mix(hash) & bucketMask;
        for (long pointer = head(slot); pointer >= 0; pointer = records.next(pointer)) {
            if (records.hash(pointer) == hash) {
                DataInputView in = records.recordAt(pointer);
                in.skipBytesToRead(VarInts.read(in));
                T candidate = serializer.deserialize(in);
                if (matches.test(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Number of keys in the table. */
    public long size() {
        return keys;
    }

    /** Emits one aggregate per key (in no particular order) and empties the table. */
    public void emitAndReset(Collector<T> out) throws IOException {
        for (int slot = 0; slot <= bucketMask; slot++) {
            for (long pointer = head(slot); pointer >= 0; pointer = records.next(pointer)) {
                out.collect(readAggregate(pointer));
            }
        }
        records.clear();
        clearBuckets();
        keys = 0;
    }

    /** Drops the contents and gives every page back to the free pages. */
    @Override
    public void close() {
        records.clear();
        for (int i = 0; i < bucketPages; i++) {
            freePages.push(buckets[i]);
            buckets[i] = null;
        }
        bucketPages = 0;
        keys = 0;
    }
}
