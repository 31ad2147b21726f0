package io.eddy.runtime.operators.hash;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.MemorySegment;
import io.eddy.api.memory.SegmentInputView;
import io.eddy.api.memory.SegmentOutputView;
import io.eddy.api.types.serializers.TypeSerializer;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Serialized records with a hash-chain header, appended to pages taken from a shared free list: the
 * storage of a hash table partition.
 *
 * <pre>
 *  [long next pointer][int hash][int length, top bit = matched][record bytes] ...
 * </pre>
 * A pointer is the global offset of a header ({@code page number << pageShift | offset}); -1 ends a
 * chain. A header never spans pages (a page with fewer than {@link #HEADER} bytes left is skipped),
 * records may. The layout depends only on the page size, so pages written out in order and read back
 * page by page ({@link #readNext}) give the same records: that is how a partition spills.
 *
 * <p>The pages belong to the table that supplies them; {@link #clear()} gives them back. One thread.
 */
final class RecordPages {
    static final int HEADER = 16;
    private static final int MATCHED = 0x80000000;
    /** The header's byte order, that of {@link MemorySegment}. */
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final PageSupply supply;
    private final int pageSize;
    private final int pageShift;
    /** The pages in order, {@code pages[0, pageCount)}: an array, as every record access looks its page up. */
    private MemorySegment[] pages = new MemorySegment[16];
    /** The pages' arrays, as {@link #pages}: a lookup reads a record's bytes one load sooner. */
    private byte[][] arrays = new byte[16][];
    private int pageCount;
    private final Appender appender = new Appender();
    private final Reader reader = new Reader();
    private long records;

    /** Where the pages come from: {@link #take} may refuse (null) to keep pages in reserve. */
    interface PageSupply {
        MemorySegment take();

        void giveBack(MemorySegment page);
    }

    RecordPages(PageSupply supply, int pageSize) {
        this.supply = supply;
        this.pageSize = pageSize;
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
    }

    long size() {
        return records;
    }

    int pageCount() {
        return pageCount;
    }

    /** Global offset where the next header goes. */
    long end() {
        return pageCount == 0 ? 0 : ((long) (pageCount - 1) << pageShift) + appender.getPositionInPage();
    }

    /**
     * Appends a record with its hash; returns its pointer, or -1 (nothing appended) when no free page is
     * left.
     */
    <T> long append(int hash, TypeSerializer<T> serializer, T record) throws IOException {
        return append(hash, null, 0, 0, serializer, record);
    }

    long appendBytes(int hash, byte[] source, int length) throws IOException {
        return append(hash, source, 0, length, null, null);
    }

    /**
     * Appends bytes {@code [prefixOffset, prefixOffset + prefixLength)} of {@code prefix} (none when null)
     * followed by {@code record} (none when {@code serializer} is null) as one record; -1 when no free
     * page is left.
     */
    <T> long append(int hash, byte[] prefix, int prefixOffset, int prefixLength, TypeSerializer<T> serializer, T record)
            throws IOException {
        int startPages = pageCount;
        MemorySegment startPage = startPages == 0 ? null : appender.getCurrentPage();
        int startOffset = appender.getPositionInPage();
        try {
            if (startPages == 0 || pageSize - startOffset < HEADER) {
                appender.startPage();
            }
            long pointer = end();
            MemorySegment headerPage = appender.getCurrentPage();
            int headerOffset = appender.getPositionInPage();
            appender.skip(HEADER);
            if (prefix != null) {
                appender.write(prefix, prefixOffset, prefixLength);
            }
            if (serializer != null) {
                serializer.serialize(record, appender);
            }
            headerPage.putLong(headerOffset, -1L);
            headerPage.putInt(headerOffset + 8, hash);
            headerPage.putInt(headerOffset + 12, (int) (end() - pointer - HEADER));
            records++;
            return pointer;
        } catch (EOFException noPageLeft) {
            while (pageCount > startPages) {
                supply.giveBack(pages[--pageCount]);
                pages[pageCount] = null;
                arrays[pageCount] = null;
            }
            if (startPage != null) {
                appender.continueAt(startPage, startOffset);
            }
            return -1;
        }
    }

    /** The page holding global position {@code pointer}. */
    MemorySegment page(long pointer) {
        return pages[(int) (pointer >>> pageShift)];
    }

    /** The offset of global position {@code pointer} in its page. */
    int offset(long pointer) {
        return (int) pointer & (pageSize - 1);
    }

    long next(long pointer) {
        return page(pointer).getLong(offset(pointer));
    }

    void setNext(long pointer, long next) {
        page(pointer).putLong(offset(pointer), next);
    }

    int hash(long pointer) {
        return page(pointer).getInt(offset(pointer) + 8);
    }

    /**
     * Reads the header at {@code pointer} and the last byte of its record when that lies in the same
     * page, so that both are in the cache when the record is read; returns a value to sink, so that
     * the reads are kept.
     */
    int touch(long pointer) {
        MemorySegment page = page(pointer);
        int o = offset(pointer);
        int last = (int) Math.min((long) o + HEADER + (page.getInt(o + 12) & ~MATCHED), pageSize) - 1;
        return page.getInt(o + 8) + page.get(last);
    }

    int length(long pointer) {
        return (int) BIG_ENDIAN_INT.get(arrays[(int) (pointer >>> pageShift)], offset(pointer) + 12) & ~MATCHED;
    }

    boolean isMatched(long pointer) {
        return (page(pointer).getInt(offset(pointer) + 12) & MATCHED) != 0;
    }

    void setMatched(long pointer) {
        MemorySegment page = page(pointer);
        int o = offset(pointer) + 12;
        page.putInt(o, page.getInt(o) | MATCHED);
    }

    void clearMatched(long pointer) {
        MemorySegment page = page(pointer);
        int o = offset(pointer) + 12;
        page.putInt(o, page.getInt(o) & ~MATCHED);
    }

    /** A view positioned at the record bytes of {@code pointer}. */
    DataInputView recordAt(long pointer) {
        return at(pointer + HEADER);
    }

    /** A view positioned at global position {@code position}, inside a record. */
    SegmentInputView at(long position) {
        reader.seekTo(position);
        return reader;
    }

    /**
     * True when the record at {@code pointer} starts with the {@code length} bytes of {@code bytes}: a short
     * key in one comparison of two words, a longer one in one comparison of arrays when it lies in one page.
     */
    boolean startsWith(long pointer, byte[] bytes, int from, int length) {
        byte[] page = arrays[(int) (pointer >>> pageShift)];
        int o = offset(pointer);
        if (((int) BIG_ENDIAN_INT.get(page, o + 12) & ~MATCHED) < length) {
            return false;
        }
        o += HEADER;
        if (length > 0 && length <= 8 && o + 8 <= pageSize && from + 8 <= bytes.length) {
            long difference = (long) LITTLE_ENDIAN_LONG.get(page, o) ^ (long) LITTLE_ENDIAN_LONG.get(bytes, from);
            return (difference & (-1L >>> (64 - 8 * length))) == 0; // the bytes past the key masked off
        }
        return startsWithLong(pointer, bytes, from, length);
    }

    private boolean startsWithLong(long pointer, byte[] bytes, int from, int length) {
        int o = offset(pointer) + HEADER;
        if (o + length <= pageSize) {
            return Arrays.equals(page(pointer).array(), o, o + length, bytes, from, from + length);
        }
        long p = pointer + HEADER;
        for (int i = 0; i < length; i++, p++) {
            if (page(p).get(offset(p)) != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** Overwrites {@code length} bytes from global position {@code position} (inside one record) with {@code bytes}. */
    void overwrite(long position, byte[] bytes, int length) {
        long p = position;
        int done = 0;
        while (done < length) {
            int o = offset(p);
            int n = Math.min(length - done, pageSize - o);
            page(p).put(o, bytes, done, n);
            done += n;
            p += n;
        }
    }

    /** The pointer of the record after the one at {@code pointer} in append order, or {@link #end()}. */
    long following(long pointer) {
        return align(pointer + HEADER + length(pointer));
    }

    /** Where a header written at {@code position} really goes: the next page when too little is left. */
    long align(long position) {
        return pageSize - offset(position) < HEADER ? ((position >>> pageShift) + 1) << pageShift : position;
    }

    /**
     * Reads the header of the next record from a view over pages written by this layout (a spilled
     * partition), skipping page padding; returns {hash, length} packed, the view then at the record bytes.
     */
    static long readNext(SegmentInputView in, int pageSize) throws IOException {
        skipToHeader(in, pageSize);
        in.readLong();
        int hash = in.readInt();
        int length = in.readInt() & ~MATCHED;
        return ((long) hash << 32) | (length & 0xffffffffL);
    }

    /** Skips the padding at the end of a page too short for a header: the view is then at the next header. */
    static void skipToHeader(SegmentInputView in, int pageSize) throws IOException {
        int left = pageSize - in.getPositionInPage();
        if (left < HEADER && left != pageSize) {
            in.skipBytesToRead(left);
        }
    }

    /** Gives every page back to the free list. */
    void clear() {
        for (int i = 0; i < pageCount; i++) {
            supply.giveBack(pages[i]);
        }
        Arrays.fill(pages, 0, pageCount, null);
        Arrays.fill(arrays, 0, pageCount, null);
        pageCount = 0;
        records = 0;
    }

    /** Removes and returns the pages, for a partition moving to disk; the storage is then empty. */
    List<MemorySegment> takePages() {
        List<MemorySegment> taken = new ArrayList<>(Arrays.asList(pages).subList(0, pageCount));
        Arrays.fill(pages, 0, pageCount, null);
        Arrays.fill(arrays, 0, pageCount, null);
        pageCount = 0;
        records = 0;
        return taken;
    }

    /** Position in the last page: how much of it is filled. */
    int positionInLastPage() {
        return appender.getPositionInPage();
    }

    private void addPage(MemorySegment page) {
        if (pageCount == pages.length) {
            pages = Arrays.copyOf(pages, 2 * pageCount);
            arrays = Arrays.copyOf(arrays, 2 * pageCount);
        }
        arrays[pageCount] = page.array();
        pages[pageCount++] = page;
    }

    private final class Appender extends SegmentOutputView {
        Appender() {
            super(null, 0);
        }

        void startPage() throws EOFException {
            MemorySegment page = supply.take();
            if (page == null) {
                throw new EOFException();
            }
            addPage(page);
            seek(page, 0, pageSize);
        }

        void continueAt(MemorySegment page, int offset) {
            seek(page, offset, pageSize);
        }

        void skip(int bytes) {
            seek(getCurrentPage(), getPositionInPage() + bytes, pageSize);
        }

        @Override
        protected MemorySegment nextPage(MemorySegment current, int bytes) throws IOException {
            MemorySegment page = supply.take();
            if (page == null) {
                throw new EOFException();
            }
            addPage(page);
            return page;
        }
    }

    private final class Reader extends SegmentInputView {
        private int pageIndex;

        Reader() {
            super(null, 0, 0);
        }

        void seekTo(long position) {
            pageIndex = (int) (position >>> pageShift);
            if (pageIndex == pageCount) {
                // a record starting exactly at a page end continues on the next page
                pageIndex--;
                seek(pages[pageIndex], pageSize, pageSize);
            } else {
                seek(pages[pageIndex], offset(position), pageSize);
            }
        }

        @Override
        protected MemorySegment nextPage(MemorySegment current) {
            return pages[++pageIndex];
        }

        @Override
        protected int limitOf(MemorySegment page) {
            return pageSize;
        }
    }
}
