package io.eddy.api.memory;

import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads serialized values from {@link MemorySegment}s (or plain arrays): Eddy's one input view, the
 * mirror of {@link SegmentOutputView}. Re-pointed with {@link #setBuffer} without allocating, so the
 * network stack deserializes records straight out of its buffers. At the end of the bytes it asks
 * {@link #nextPage}: by default there is no next page and reading further fails with an
 * {@link EOFException}; paged subclasses continue in the next segment (a sort buffer's record pages,
 * a spilled run read from a file), so a value may span segments.
 *
 * <p>Fast path first: a value that lies in the current segment is read with one bounds check and
 * one array access; only a value crossing into the next page is read byte by byte. Big-endian. Not
 * thread-safe: one reader at a time.
 */
public class SegmentInputView implements DataInputView {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] EMPTY = new byte[0];

    /** The current page; null when the view reads a plain array. */
    private MemorySegment segment;
    private byte[] memory = EMPTY;
    private int position;
    private int limit;

    /** An empty view, to be pointed at bytes with {@link #setBuffer}. */
    public SegmentInputView() {}

    /** A view over all of {@code bytes}. */
    public SegmentInputView(byte[] bytes) {
        setBuffer(bytes, 0, bytes.length);
    }

    /** A view over {@code firstPage} from {@code position} to {@code limit}; paged subclasses supply the next pages. */
    protected SegmentInputView(MemorySegment firstPage, int position, int limit) {
        seek(firstPage, position, limit);
    }

    /**
     * The page after {@code current}; {@link #limitOf} then tells how many of its bytes are valid.
     * Null (the default) when there is none, which makes reading past the end fail with an
     * {@link EOFException}; paged subclasses may also throw it themselves.
     */
    protected MemorySegment nextPage(MemorySegment current) throws IOException {
        return null;
    }

    /** Bytes valid in the page most recently returned by {@link #nextPage} (its size for all but the last). */
    protected int limitOf(MemorySegment page) {
        return page.size();
    }

    /** Reads {@code length} bytes of {@code segment} from {@code offset}. */
    public void setBuffer(MemorySegment segment, int offset, int length) {
        checkRange(segment.size(), offset, length);
        this.segment = segment;
        this.memory = segment.array();
        this.position = offset;
        this.limit = offset + length;
    }

    /** Reads {@code length} bytes of {@code bytes} from {@code offset}. */
    public void setBuffer(byte[] bytes, int offset, int length) {
        checkRange(bytes.length, offset, length);
        this.segment = null;
        this.memory = bytes;
        this.position = offset;
        this.limit = offset + length;
    }

    private static void checkRange(int size, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", memory " + size);
        }
    }

    protected void seek(MemorySegment page, int position, int limit) {
        this.segment = page;
        this.memory = page == null ? EMPTY : page.array();
        this.position = position;
        this.limit = limit;
    }

    /** The read position in the current segment or array. */
    public int getPosition() {
        return position;
    }

    /** Same as {@link #getPosition()}, under the name paged readers use. */
    public int getPositionInPage() {
        return position;
    }

    public void setPosition(int position) {
        if (position < 0 || position > limit) {
            throw new IndexOutOfBoundsException("position " + position + " beyond " + limit);
        }
        this.position = position;
    }

    /** Bytes left in the current segment or array. */
    public int available() {
        return limit - position;
    }

    /** Moves to the next page when the current one is exhausted; EOFException when there is none. */
    private void advance(int needed) throws IOException {
        MemorySegment next = nextPage(segment);
        if (next == null) {
            throw new EOFException("Needed " + needed + " more bytes, none left");
        }
        seek(next, 0, limitOf(next));
    }

    /**
     * Reads {@code length} bytes as a string when all of them are in the current page or array and all
     * are below 0x80 (ASCII, one char each); otherwise returns null without moving. The fast path of
     * the string serializer: one copy of the bytes, no per-byte call.
     */
    public String readAsciiInPage(int length) {
        int p = position;
        if (limit - p < length) {
            return null;
        }
        byte[] m = memory;
        for (int i = p; i < p + length; i++) {
            if (m[i] < 0) {
                return null;
            }
        }
        position = p + length;
        return new String(m, p, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void skipBytesToRead(int numBytes) throws IOException {
        while (numBytes > 0) {
            if (position == limit) {
                advance(numBytes);
            }
            int n = Math.min(numBytes, limit - position);
            position += n;
            numBytes -= n;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position == limit) {
            try {
                advance(len);
            } catch (EOFException end) {
                return -1;
            }
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(memory, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (position == limit) {
                advance(len);
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(memory, position, b, off, n);
            position += n;
            off += n;
            len -= n;
        }
    }

    /** Skips up to {@code n} bytes of the current segment or array, as {@link java.io.DataInput#skipBytes} allows. */
    @Override
    public int skipBytes(int n) {
        int skipped = Math.max(0, Math.min(n, limit - position));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    @Override
    public byte readByte() throws IOException {
        if (position == limit) {
            advance(1);
        }
        return memory[position++];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return readByte() & 0xff;
    }

    @Override
    public short readShort() throws IOException {
        int p = position;
        if (limit - p >= 2) {
            position = p + 2;
            return (short) SHORT.get(memory, p);
        }
        return (short) readSlow(2);
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xffff;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
        int p = position;
        if (limit - p >= 4) {
            position = p + 4;
            return (int) INT.get(memory, p);
        }
        return (int) readSlow(4);
    }

    @Override
    public long readLong() throws IOException {
        int p = position;
        if (limit - p >= 8) {
            position = p + 8;
            return (long) LONG.get(memory, p);
        }
        return readSlow(8);
    }

    /**
     * Reads {@code n} bytes, big-endian, one by one: a value that crosses into the next page. Apart
     * from the fast paths so that those stay small enough to inline everywhere.
     */
    private long readSlow(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | readUnsignedByte();
        }
        return v;
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    @Override
    public void readDoubles(double[] target) throws IOException {
        int i = 0;
        while (i < target.length) {
            int p = position;
            int inPage = Math.min(target.length - i, (limit - p) >> 3);
            if (inPage == 0) {
                target[i++] = readDouble();
                continue;
            }
            byte[] m = memory;
            for (int end = i + inPage; i < end; i++, p += 8) {
                target[i] = Double.longBitsToDouble((long) LONG.get(m, p));
            }
            position = p;
        }
    }

    @Override
    public String readLine() {
        throw new UnsupportedOperationException("readLine is not supported; serializers use their own string format");
    }

    /** Modified UTF-8 as {@link java.io.DataInput#readUTF} specifies. */
    @Override
    public String readUTF() throws IOException {
        byte[] bytes = new byte[readUnsignedShort()];
        readFully(bytes);
        char[] chars = new char[bytes.length];
        int n = 0;
        int p = 0;
        while (p < bytes.length) {
            int b = bytes[p++] & 0xff;
            if (b < 0x80) {
                chars[n++] = (char) b;
            } else if ((b & 0xe0) == 0xc0 && p < bytes.length) {
                chars[n++] = (char) (((b & 0x1f) << 6) | (bytes[p++] & 0x3f));
            } else if ((b & 0xf0) == 0xe0 && p + 1 < bytes.length) {
                chars[n++] = (char) (((b & 0x0f) << 12) | ((bytes[p] & 0x3f) << 6) | (bytes[p + 1] & 0x3f));
                p += 2;
            } else {
                throw new UTFDataFormatException("malformed modified UTF-8 at byte " + (p - 1));
            }
        }
        return new String(chars, 0, n);
    }
}
