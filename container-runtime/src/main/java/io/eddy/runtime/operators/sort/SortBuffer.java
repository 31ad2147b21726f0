package io.eddy.runtime.operators.sort;

import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.types.serializers.TypeSerializer;
import io.eddy.api.types.comparators.TypeComparator;
import io.eddy.runtime.memory.FreePages;
import io.eddy.runtime.operators.RecordIterator;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;

/**
 * Serialized records and their sort index in managed-memory pages, drawn from a budget as it fills.
 *
 * <h2>Layout</h2>
 * <pre>
 *  record pages:  [int length][record bytes] [int length][record bytes] ...   (records may span pages;
 *                                                                              a length field never does)
 *  index pages:   [normalized key: K bytes][long pointer] ...                 (entries never span pages)
 * </pre>
 * The pointer is the global byte offset of the record's length field in the record pages
 * ({@code page number << pageShift | offset}). K is the comparator's normalized key length capped by
 * the sorter and rounded up to whole longs, so an entry compares and swaps as a few longs.
 *
 * <p>{@link #sort()} sorts the index only, swapping entries, never records: radix passes on the key
 * bytes split a large buffer into ranges that fit the caches, and a quicksort orders each range. It
 * compares keys as unsigned longs and, when equal keys do not decide
 * ({@link TypeComparator#isNormalizedKeyFullyDetermining}), deserializes both records into two
 * scratch instances. Reading in index order touches the records a few entries ahead
 * ({@link #touchRecords}). Nothing is allocated
 * per record except what deserializing a record allocates on such a tie.
 *
 * <p>Both areas take pages from one {@link FreePages} on demand; {@link #write} returns false, leaving
 * the buffer as it was, when a record does not fit. The pages stay the caller's; {@link #reset()} gives
 * them all back to the free pages. One thread.
 */
final class SortBuffer<T> {
    /** Below this many entries a range is insertion-sorted. */
    private static final int INSERTION_SORT_THRESHOLD = 12;
    /** From this many entries on, a range is split by a radix pass before it is quick-sorted. */
    private static final int RADIX_THRESHOLD = 1 << 12;
    /**
     * Reading in index order, the records of the next this many entries are touched together (a power
     * of two): enough independent cache misses in flight to fill the processor's miss buffers.
     */
    private static final int READ_AHEAD = 16;

    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final int keyBytes;
    private final int keyLongs;
    private final boolean keyDecides;
    private final int entrySize;
    /** A power of two, so an entry's page and offset are a shift and a mask away. */
    private final int entriesPerPage;
    private final int entryShift;
    private final int entryMask;
    private final int pageSize;
    private final int pageShift;
    private final int totalPages;

    private final FreePages freePages;
    private final ArrayList<MemorySegment> recordPages = new ArrayList<>();
    /** Index pages in use: the first {@code indexPageCount} of the array. */
    private MemorySegment[] indexPages = new MemorySegment[16];
    private int indexPageCount;
    /** The key of the pivot of the partition step under way, cached as longs. */
    private final long[] pivotKey;
    private final RecordOutput recordOutput = new RecordOutput();
    private final RecordInput recordInput = new RecordInput();
    private final RecordInput secondInput = new RecordInput();

    private int count;
    private MemorySegment currentIndexPage;
    private int indexOffset;
    private T scratchFirst;
    private T scratchSecond;
    /** Sink of {@link #touchRecords}' loads, so that the compiler keeps them. */
    private int touched;

    SortBuffer(TypeSerializer<T> serializer, TypeComparator<T> comparator, int keyBytes, FreePages freePages) {
        if (freePages.size() < 2) {
            throw new IllegalArgumentException("A sort buffer needs at least 2 pages, got " + freePages.size());
        }
        this.serializer = serializer;
        this.comparator = comparator;
        this.keyLongs = (keyBytes + 7) / 8;
        this.keyBytes = keyLongs * 8;
        this.keyDecides = comparator.isNormalizedKeyFullyDetermining(keyBytes);
        this.entrySize = this.keyBytes + 8;
        this.pageSize = freePages.pageSize();
        if (Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("Sort pages must have a power-of-two size, not " + pageSize);
        }
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        if (pageSize < entrySize) {
            throw new IllegalArgumentException("A page of " + pageSize + " bytes cannot hold a sort entry of " + entrySize);
        }
        this.entriesPerPage = Integer.highestOneBit(pageSize / entrySize);
        this.entryShift = Integer.numberOfTrailingZeros(entriesPerPage);
        this.entryMask = entriesPerPage - 1;
        this.pivotKey = new long[keyLongs];
        this.freePages = freePages;
        this.totalPages = freePages.size();
        this.scratchFirst = serializer.createInstance();
        this.scratchSecond = serializer.createInstance();
        reset();
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Normalized key bytes per entry, a multiple of 8. */
    int keyBytes() {
        return keyBytes;
    }

    /** Makes every page free and the buffer empty. */
    void reset() {
        release();
        recordPages.add(freePages.poll());
        recordOutput.restart(recordPages.get(0), 0);
    }

    /** Gives every page back to the free pages; the buffer is unusable afterwards. */
    void release() {
        freePages.addAll(recordPages);
        for (int i = 0; i < indexPageCount; i++) {
            freePages.push(indexPages[i]);
            indexPages[i] = null;
        }
        recordPages.clear();
        indexPageCount = 0;
        count = 0;
        currentIndexPage = null;
        indexOffset = 0;
    }

    /** Bytes of the record pages in use: a measure of how full the buffer is for callers that log it. */
    long occupancy() {
        return (long) (totalPages - freePages.size()) * pageSize;
    }

    /**
     * Adds a record; false, with the buffer unchanged, when it does not fit. A record that fails even in
     * an empty buffer is larger than the whole budget.
     */
    boolean write(T record) throws IOException {
        boolean newIndexPage = false;
        if (currentIndexPage == null || indexOffset == entriesPerPage * entrySize) {
            MemorySegment page = freePages.poll();
            if (page == null) {
                return false;
            }
            if (indexPageCount == indexPages.length) {
                indexPages = java.util.Arrays.copyOf(indexPages, 2 * indexPageCount);
            }
            indexPages[indexPageCount++] = page;
            currentIndexPage = page;
            indexOffset = 0;
            newIndexPage = true;
        }
        int startPages = recordPages.size();
        MemorySegment startPage = recordOutput.getCurrentPage();
        int startOffset = recordOutput.getPositionInPage();
        try {
            if (pageSize - startOffset < 4) {
                recordOutput.skipToNextPage(); // a length field never spans pages
            }
            long pointer = recordOutput.globalPosition();
            recordOutput.writeInt(0);
            serializer.serialize(record, recordOutput);
            int length = (int) (recordOutput.globalPosition() - pointer - 4);
            recordPages.get((int) (pointer >>> pageShift)).putInt((int) (pointer & (pageSize - 1)), length);
            comparator.putNormalizedKey(record, currentIndexPage, indexOffset, keyBytes);
            currentIndexPage.putLong(indexOffset + keyBytes, pointer);
        } catch (EOFException noPageLeft) {
            while (recordPages.size() > startPages) {
                freePages.push(recordPages.remove(recordPages.size() - 1));
            }
            recordOutput.restart(startPage, startOffset);
            if (newIndexPage) {
                freePages.push(indexPages[--indexPageCount]);
                indexPages[indexPageCount] = null;
                currentIndexPage = indexPageCount == 0 ? null : indexPages[indexPageCount - 1];
                indexOffset = entriesPerPage * entrySize;
            }
            return false;
        }
        indexOffset += entrySize;
        count++;
        return true;
    }

    // ---------------------------------------------------------------- sorting

    void sort() throws IOException {
        radixSort(0, count, 0);
    }

    /**
     * Sorts entries {@code [lo, hi)}, whose keys agree on their first {@code keyByte} bytes. A large
     * range is first moved into 256 ranges by key byte {@code keyByte} (an in-place radix pass,
     * "American flag sort": one pass counts, one swaps each entry into its range), whose order is the
     * order of the keys; each is sorted the same way. Small ranges are quick-sorted. The radix passes
     * replace the first quicksort levels, which would each stream the whole index through the caches
     * with a mispredicted branch per entry.
     */
    private void radixSort(int lo, int hi, int keyByte) throws IOException {
        if (hi - lo < RADIX_THRESHOLD || keyByte == keyBytes) {
            quickSort(lo, hi, 2 * (32 - Integer.numberOfLeadingZeros(Math.max(hi - lo, 1))));
            return;
        }
        int[] ends = new int[256];
        for (int i = lo; i < hi; i++) {
            ends[keyByte(i, keyByte)]++;
        }
        int[] next = new int[256];
        for (int b = 0, start = lo; b < 256; b++) {
            next[b] = start;
            start += ends[b];
            ends[b] = start;
        }
        for (int b = 0; b < 256; b++) {
            while (next[b] < ends[b]) {
                int target = keyByte(next[b], keyByte);
                if (target == b) {
                    next[b]++;
                } else {
                    swap(next[b], next[target]++); // places one entry in its range for good
                }
            }
        }
        for (int b = 0, start = lo; b < 256; start = ends[b++]) {
            radixSort(start, ends[b], keyByte + 1);
        }
    }

    private int keyByte(int i, int keyByte) {
        return indexPages[i >>> entryShift].get((i & entryMask) * entrySize + keyByte) & 0xff;
    }

    private void quickSort(int lo, int hi, int depth) throws IOException {
        while (hi - lo > INSERTION_SORT_THRESHOLD) {
            if (depth-- == 0) {
                heapSort(lo, hi);
                return;
            }
            int mid = (lo + hi) >>> 1;
            // median of three to lo: order (mid, lo, hi-1) so entry(lo) is the median
            if (compare(mid, lo) > 0) {
                swap(mid, lo);
            }
            if (compare(lo, hi - 1) > 0) {
                swap(lo, hi - 1);
                if (compare(mid, lo) > 0) {
                    swap(mid, lo);
                }
            }
            MemorySegment pivotPage = indexPages[lo >>> entryShift];
            int pivotOffset = (lo & entryMask) * entrySize;
            for (int w = 0; w < keyLongs; w++) {
                pivotKey[w] = pivotPage.getLong(pivotOffset + 8 * w);
            }
            int i = lo;
            int j = hi;
            while (true) {
                do {
                    i++;
                } while (i < hi && compareToPivot(i, lo) < 0);
                do {
                    j--;
                } while (compareToPivot(j, lo) > 0);
                if (i >= j) {
                    break;
                }
                swap(i, j);
            }
            swap(lo, j);
            // recurse into the smaller side, loop on the larger: stack depth stays logarithmic
            if (j - lo < hi - j - 1) {
                quickSort(lo, j, depth);
                lo = j + 1;
            } else {
                quickSort(j + 1, hi, depth);
                hi = j;
            }
        }
        for (int i = lo + 1; i < hi; i++) {
            for (int j = i; j > lo && compare(j - 1, j) > 0; j--) {
                swap(j - 1, j);
            }
        }
    }

    /** The fallback for ranges on which quicksort keeps choosing poor pivots. */
    private void heapSort(int lo, int hi) throws IOException {
        int n = hi - lo;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(lo, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            swap(lo, lo + end);
            siftDown(lo, 0, end);
        }
    }

    private void siftDown(int lo, int i, int n) throws IOException {
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                return;
            }
            if (child + 1 < n && compare(lo + child + 1, lo + child) > 0) {
                child++;
            }
            if (compare(lo + i, lo + child) >= 0) {
                return;
            }
            swap(lo + i, lo + child);
            i = child;
        }
    }

    /** {@link #compare}{@code (i, pivot)} with the pivot's key read from {@link #pivotKey}. */
    private int compareToPivot(int i, int pivot) throws IOException {
        MemorySegment page = indexPages[i >>> entryShift];
        int offset = (i & entryMask) * entrySize;
        for (int w = 0; w < keyLongs; w++, offset += 8) {
            long a = page.getLong(offset);
            long b = pivotKey[w];
            if (a != b) {
                return Long.compareUnsigned(a, b);
            }
        }
        return keyDecides ? 0 : compare(i, pivot);
    }

    /** Compares index entries {@code i} and {@code j}: the normalized keys, then the records if they do not decide. */
    int compare(int i, int j) throws IOException {
        MemorySegment pi = indexPages[i >>> entryShift];
        MemorySegment pj = indexPages[j >>> entryShift];
        int oi = (i & entryMask) * entrySize;
        int oj = (j & entryMask) * entrySize;
        for (int w = 0; w < keyLongs; w++, oi += 8, oj += 8) {
            long a = pi.getLong(oi);
            long b = pj.getLong(oj);
            if (a != b) {
                return Long.compareUnsigned(a, b);
            }
        }
        if (keyDecides) {
            return 0;
        }
        // oi, oj now point at the pointers
        recordInput.seekRecord(pi.getLong(oi));
        secondInput.seekRecord(pj.getLong(oj));
        scratchFirst = deserialize(scratchFirst, recordInput);
        scratchSecond = deserialize(scratchSecond, secondInput);
        return comparator.compare(scratchFirst, scratchSecond);
    }

    private T deserialize(T reuse, RecordInput input) throws IOException {
        return reuse == null ? serializer.deserialize(input) : serializer.deserialize(reuse, input);
    }

    private void swap(int i, int j) {
        MemorySegment pi = indexPages[i >>> entryShift];
        MemorySegment pj = indexPages[j >>> entryShift];
        int oi = (i & entryMask) * entrySize;
        int oj = (j & entryMask) * entrySize;
        for (int w = 0; w < entrySize; w += 8) {
            long a = pi.getLong(oi + w);
            pi.putLong(oi + w, pj.getLong(oj + w));
            pj.putLong(oj + w, a);
        }
    }

    // ---------------------------------------------------------------- reading in index order

    /** Copies entry {@code i}'s normalized key to {@code target}. */
    void copyKey(int i, MemorySegment target, int offset) {
        indexPages[i >>> entryShift].copyTo((i & entryMask) * entrySize, target, offset, keyBytes);
    }

    /** Positions the record input at entry {@code i}'s record and returns the record's length. */
    int seekEntry(int i) throws IOException {
        long pointer = indexPages[i >>> entryShift].getLong((i & entryMask) * entrySize + keyBytes);
        return recordInput.seekRecord(pointer);
    }

    /** Entry {@code i}'s record, read into {@code reuse} where the type allows. */
    T readRecord(int i, T reuse) throws IOException {
        seekEntry(i);
        return deserialize(reuse, recordInput);
    }

    /**
     * Writes entries in index order to a run: {@code [K key bytes][int length][record bytes]} each, the
     * format {@link RunReader} reads.
     */
    void writeRun(DataOutputView out) throws IOException {
        for (int i = 0; i < count; i++) {
            if ((i & (READ_AHEAD - 1)) == 0) {
                touchRecords(i + READ_AHEAD);
            }
            MemorySegment page = indexPages[i >>> entryShift];
            int offset = (i & entryMask) * entrySize;
            for (int w = 0; w < keyLongs; w++) {
                out.writeLong(page.getLong(offset + 8 * w));
            }
            int length = recordInput.seekRecord(page.getLong(offset + keyBytes));
            out.writeInt(length);
            out.write(recordInput, length);
        }
    }

    /** The records in index order (after {@link #sort()}), read into the given instances. */
    RecordIterator<T> sortedRecords() {
        return new RecordIterator<>() {
            private int next;

            @Override
            public T next(T reuse) throws IOException {
                if (next >= count) {
                    return null;
                }
                if ((next & (READ_AHEAD - 1)) == 0) {
                    touchRecords(next + READ_AHEAD);
                }
                return readRecord(next++, reuse);
            }
        };
    }

    /**
     * Reads the length field of the records of entries {@code [from, from + READ_AHEAD)} in one short
     * loop. The records lie in arrival order, so reading them in index order misses the caches once per
     * record; these loads are independent of each other, so the processor overlaps their misses, and the
     * records are in the cache when {@link #readRecord} gets to them. (Java has no prefetch instruction.)
     */
    private void touchRecords(int from) {
        int sum = 0;
        for (int i = from, end = Math.min(count, from + READ_AHEAD); i < end; i++) {
            long pointer = indexPages[i >>> entryShift].getLong((i & entryMask) * entrySize + keyBytes);
            sum += recordPages.get((int) (pointer >>> pageShift)).get((int) (pointer & (pageSize - 1)));
        }
        touched += sum;
    }

    /** Writes into the record pages, taking free pages as it goes; EOFException when none is left. */
    private final class RecordOutput extends SegmentOutputView {
        private int pageIndex;

        RecordOutput() {
            super(null, 0);
        }

        void restart(MemorySegment page, int offset) {
            pageIndex = recordPages.indexOf(page);
            seek(page, offset, pageSize);
        }

        long globalPosition() {
            return ((long) pageIndex << pageShift) + getPositionInPage();
        }

        void skipToNextPage() throws EOFException {
            MemorySegment page = freePages.poll();
            if (page == null) {
                throw new EOFException();
            }
            recordPages.add(page);
            pageIndex++;
            seek(page, 0, pageSize);
        }

        @Override
        protected MemorySegment nextPage(MemorySegment current, int bytes) throws IOException {
            MemorySegment page = freePages.poll();
            if (page == null) {
                throw new EOFException();
            }
            recordPages.add(page);
            pageIndex++;
            return page;
        }
    }

    /** Reads records from the record pages at their pointers. */
    private final class RecordInput extends SegmentInputView {
        private int pageIndex;

        RecordInput() {
            super(null, 0, 0);
        }

        /** Positions at the record whose length field is at {@code pointer}; returns the length. */
        int seekRecord(long pointer) throws IOException {
            pageIndex = (int) (pointer >>> pageShift);
            seek(recordPages.get(pageIndex), (int) (pointer & (pageSize - 1)), pageSize);
            return readInt();
        }

        @Override
        protected MemorySegment nextPage(MemorySegment current) {
            return recordPages.get(++pageIndex);
        }

        @Override
        protected int limitOf(MemorySegment page) {
            return pageSize;
        }
    }
}
