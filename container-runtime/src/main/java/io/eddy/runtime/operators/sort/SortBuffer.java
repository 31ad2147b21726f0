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
 *     or inline:  [normalized key: K bytes][int length][record bytes, padded] ...
 * </pre>
 * The pointer is the global byte offset of the record's length field in the record pages
 * ({@code page number << pageShift | offset}). K is the comparator's normalized key length capped by
 * the sorter and rounded up to whole longs, so an entry compares and swaps as a few longs.
 *
 * <p>Records whose serialized length has a small bound ({@link TypeSerializer#getMaxLength()}, at most
 * {@link #MAX_INLINE_RECORD_BYTES}) are kept <em>inline</em>, in the index entry itself, and there are
 * no record pages: sorting moves the records with their keys, so reading them in sorted order streams
 * through the index instead of missing the caches once per record (the records would otherwise lie
 * in arrival order), and an entry takes less memory than a pointer, a length and the record apart.
 * An index page holds as many entries as fit; when that is not a power of two, an entry's page is
 * found by a multiplication with its reciprocal.
 *
 * <p>{@link #sort()} sorts the index only, swapping entries (inline records move with them), never
 * the record pages: radix passes on the key bytes split the buffer into ranges of fewer than
 * {@link #RADIX_THRESHOLD} entries, and a quicksort orders each range; the counts of the first pass
 * are taken as records arrive. It compares keys as unsigned longs and, when equal keys do not decide
 * ({@link TypeComparator#isNormalizedKeyFullyDetermining}), deserializes both records into two
 * scratch instances. Reading records from record pages in index order touches them a few entries
 * ahead ({@link #touchRecords}). Nothing is allocated per record except what deserializing a record
 * allocates on such a tie.
 *
 * <p>Both areas take pages from one {@link FreePages} on demand; {@link #write} returns false, leaving
 * the buffer as it was, when a record does not fit. The pages stay the caller's; {@link #reset()} gives
 * them all back to the free pages. One thread.
 */
final class SortBuffer<T> {
    /** Below this many entries a range is insertion-sorted. */
    private static final int INSERTION_SORT_THRESHOLD = 12;
    /**
     * From this many entries on, a range is split by a radix pass rather than quick-sorted. A pass costs
     * a few steps per each of its 256 values besides two accesses per entry, while quicksort compares
     * (with a mispredicted branch) and swaps each entry once per level: from 64 entries on the pass is
     * cheaper, even on a range that fits the L1 cache (10 M random keys: 260 -> 150 CPU ns per entry
     * against 4,096).
     */
    private static final int RADIX_THRESHOLD = 64;
    /**
     * Reading in index order, the records of the next this many entries are touched together (a power
     * of two): enough independent cache misses in flight to fill the processor's miss buffers.
     */
    private static final int READ_AHEAD = 16;
    /** How many entries after a radix range's cursor the permutation loads the entry the cursor will reach. */
    private static final int RADIX_READ_AHEAD = 4;
    /**
     * Longest record kept inline: its entry then moves at most 24 bytes more per swap than a pointer
     * entry, while reading it back costs no cache miss.
     */
    static final int MAX_INLINE_RECORD_BYTES = 28;

    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final int keyBytes;
    private final int keyLongs;
    private final boolean keyDecides;
    /** Whether records are kept in their index entries, after the key, instead of in record pages. */
    private final boolean inline;
    private final int entrySize;
    private final int entriesPerPage;
    /** When {@link #entriesPerPage} is a power of two, its log, so an entry's page is a shift away; else -1. */
    private final int entryShift;
    private final int entryMask;
    /**
     * Otherwise {@code ceil(2^64 / entriesPerPage)}: the high word of its product with an entry number
     * is the entry's page (exact for every int, as {@code entriesPerPage >= 3}), a multiplication
     * instead of a division on every entry access of the sort.
     */
    private final long entryReciprocal;
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
    /** Writes an inline record into its entry. */
    private final SegmentOutputView inlineOutput = new SegmentOutputView(null, 0);

    private int count;
    /** How many entries have each value of key byte 0: the counts of the first radix pass, taken as records arrive. */
    private final int[] firstKeyByteCounts = new int[256];
    /**
     * Per key byte (the depth of the radix recursion), the range ends and cursors of the pass on it:
     * reused by every range at that depth instead of allocated per range.
     */
    private final int[][] radixEnds;
    private final int[][] radixNext;
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
        int maxRecordBytes = serializer.getMaxLength();
        this.inline = maxRecordBytes >= 0 && maxRecordBytes <= MAX_INLINE_RECORD_BYTES;
        this.entrySize = this.keyBytes + (inline ? (4 + maxRecordBytes + 7) / 8 * 8 : 8);
        this.pageSize = freePages.pageSize();
        if (Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("Sort pages must have a power-of-two size, not " + pageSize);
        }
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        if (pageSize < entrySize) {
            throw new IllegalArgumentException("A page of " + pageSize + " bytes cannot hold a sort entry of " + entrySize);
        }
        this.entriesPerPage = pageSize / entrySize;
        this.entryShift = Integer.bitCount(entriesPerPage) == 1 ? Integer.numberOfTrailingZeros(entriesPerPage) : -1;
        this.entryMask = entriesPerPage - 1;
        this.entryReciprocal = entryShift >= 0 ? 0 : Long.divideUnsigned(-1L, entriesPerPage) + 1;
        this.pivotKey = new long[keyLongs];
        this.radixEnds = new int[this.keyBytes][256];
        this.radixNext = new int[this.keyBytes][256];
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
        if (!inline) {
            recordPages.add(freePages.poll());
            recordOutput.restart(recordPages.get(0), 0);
        }
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
        java.util.Arrays.fill(firstKeyByteCounts, 0);
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
        if (inline) {
            writeInline(record);
            return true;
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
            firstKeyByteCounts[currentIndexPage.get(indexOffset) & 0xff]++;
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

    /** Writes {@code record} with its key and length into the current entry, which has room for it. */
    private void writeInline(T record) throws IOException {
        int recordOffset = indexOffset + keyBytes + 4;
        inlineOutput.reset(currentIndexPage, recordOffset, indexOffset + entrySize);
        try {
            serializer.serialize(record, inlineOutput);
        } catch (EOFException e) {
            throw new IllegalStateException("The serializer " + serializer + " wrote more than the at most "
                    + serializer.getMaxLength() + " bytes it declares for " + record, e);
        }
        currentIndexPage.putInt(indexOffset + keyBytes, inlineOutput.getPositionInPage() - recordOffset);
        comparator.putNormalizedKey(record, currentIndexPage, indexOffset, keyBytes);
        firstKeyByteCounts[currentIndexPage.get(indexOffset) & 0xff]++;
        indexOffset += entrySize;
        count++;
    }

    /** The number of the index page of entry {@code i}. */
    private int pageNumber(int i) {
        return entryShift >= 0 ? i >>> entryShift : (int) Math.multiplyHigh(i, entryReciprocal);
    }

    /** The index page of entry {@code i}. */
    private MemorySegment page(int i) {
        return indexPages[pageNumber(i)];
    }

    /** The offset of entry {@code i} in its page. */
    private int offset(int i) {
        return (i - pageNumber(i) * entriesPerPage) * entrySize;
    }

    // ---------------------------------------------------------------- sorting

    void sort() throws IOException {
        radixSort(0, count, 0, firstKeyByteCounts);
    }

    /**
     * Sorts entries {@code [lo, hi)}, whose keys agree on their first {@code keyByte} bytes. A large
     * range is first moved into 256 ranges by key byte {@code keyByte} (an in-place radix pass,
     * "American flag sort": one pass counts, one swaps each entry into its range), whose order is the
     * order of the keys; each is sorted the same way. Ranges of fewer than {@link #RADIX_THRESHOLD}
     * entries, and ranges whose keys agree on every byte, are quick-sorted. The radix passes replace
     * quicksort levels, the first of which would each stream the whole index through the caches, and
     * all of which compare with a mispredicted branch per entry.
     *
     * @param counts the number of entries of each key byte value in the range, when known; null to count them
     */
    private void radixSort(int lo, int hi, int keyByte, int[] counts) throws IOException {
        if (hi - lo < RADIX_THRESHOLD || keyByte == keyBytes) {
            quickSort(lo, hi, 2 * (32 - Integer.numberOfLeadingZeros(Math.max(hi - lo, 1))));
            return;
        }
        int[] ends = radixEnds[keyByte];
        if (counts != null) {
            System.arraycopy(counts, 0, ends, 0, 256);
        } else {
            java.util.Arrays.fill(ends, 0);
            for (int i = lo; i < hi; i++) {
                ends[keyByte(i, keyByte)]++;
            }
        }
        int[] next = radixNext[keyByte];
        for (int b = 0, start = lo; b < 256; b++) {
            next[b] = start;
            start += ends[b];
            ends[b] = start;
        }
        // Each swap's entry decides where the next swap goes, so their cache misses would come one after
        // the other; but each range fills from its start on, so loading the entry a few places after a
        // range's cursor, which no swap waits for, brings it into the cache before the cursor gets there.
        int sum = 0;
        for (int b = 0; b < 256; b++) {
            while (next[b] < ends[b]) {
                int target = keyByte(next[b], keyByte);
                int at = next[target]++;
                if (target != b) {
                    swap(next[b], at); // places one entry in its range for good
                }
                sum += keyByte(Math.min(at + RADIX_READ_AHEAD, hi - 1), keyByte);
            }
        }
        touched += sum;
        for (int b = 0, start = lo; b < 256; start = ends[b++]) {
            radixSort(start, ends[b], keyByte + 1, null);
        }
    }

    private int keyByte(int i, int keyByte) {
        return page(i).get(offset(i) + keyByte) & 0xff;
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
            MemorySegment pivotPage = page(lo);
            int pivotOffset = offset(lo);
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
        MemorySegment page = page(i);
        int offset = offset(i);
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
        MemorySegment pi = page(i);
        MemorySegment pj = page(j);
        int oi = offset(i);
        int oj = offset(j);
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
        seek(recordInput, pi, oi);
        seek(secondInput, pj, oj);
        scratchFirst = deserialize(scratchFirst, recordInput);
        scratchSecond = deserialize(scratchSecond, secondInput);
        return comparator.compare(scratchFirst, scratchSecond);
    }

    private T deserialize(T reuse, RecordInput input) throws IOException {
        return reuse == null ? serializer.deserialize(input) : serializer.deserialize(reuse, input);
    }

    private void swap(int i, int j) {
        MemorySegment pi = page(i);
        MemorySegment pj = page(j);
        int oi = offset(i);
        int oj = offset(j);
        for (int w = 0; w < entrySize; w += 8) {
            long a = pi.getLong(oi + w);
            pi.putLong(oi + w, pj.getLong(oj + w));
            pj.putLong(oj + w, a);
        }
    }

    // ---------------------------------------------------------------- reading in index order

    /** Copies entry {@code i}'s normalized key to {@code target}. */
    void copyKey(int i, MemorySegment target, int offset) {
        page(i).copyTo(offset(i), target, offset, keyBytes);
    }

    /** Positions the record input at entry {@code i}'s record and returns the record's length. */
    int seekEntry(int i) throws IOException {
        return seek(recordInput, page(i), offset(i) + keyBytes);
    }

    /**
     * Positions {@code input} at the record of the entry whose key ends at {@code offset} of
     * {@code page} (inline, or where its pointer points); returns the record's length.
     */
    private int seek(RecordInput input, MemorySegment page, int offset) throws IOException {
        return inline ? input.seekInline(page, offset) : input.seekRecord(page.getLong(offset));
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
            MemorySegment page = page(i);
            int offset = offset(i);
            for (int w = 0; w < keyLongs; w++) {
                out.writeLong(page.getLong(offset + 8 * w));
            }
            if (inline) {
                // the entry's length and record are the run's
                out.write(page.array(), offset + keyBytes, 4 + page.getInt(offset + keyBytes));
                continue;
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
        if (inline) {
            return; // the records are in the entries, read in order
        }
        int sum = 0;
        for (int i = from, end = Math.min(count, from + READ_AHEAD); i < end; i++) {
            long pointer = page(i).getLong(offset(i) + keyBytes);
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

        /** Positions at the inline record whose length field is at {@code offset} of index page {@code page}; returns the length. */
        int seekInline(MemorySegment page, int offset) {
            int length = page.getInt(offset);
            seek(page, offset + 4, offset + 4 + length);
            return length;
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
