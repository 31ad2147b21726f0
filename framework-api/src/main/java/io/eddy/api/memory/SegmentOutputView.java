package io.eddy.api.memory;

import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes serialized values into {@link MemorySegment}s: Eddy's one output view, whatever the
 * memory is for. What happens when the current segment is full decides the use:
 * <ul>
 *   <li><b>growable</b> ({@link #SegmentOutputView()}, {@link #SegmentOutputView(int)}): the segment
 *       is replaced by a larger copy, so the bytes stay contiguous; a reusable serialization buffer
 *       ({@link #clear()} keeps the memory) for state snapshots, keys and records spanning buffers;</li>
 *   <li><b>bounded</b> ({@link #SegmentOutputView(MemorySegment, int)}, re-pointed by {@link #reset}):
 *       writing past the limit throws {@link #FULL}, without a stack trace, so a network writer tries
 *       a record in place and takes its slower path only for the rare record that does not fit;</li>
 *   <li><b>paged</b>: a subclass overrides {@link #nextPage} and writing continues in the segment it
 *       returns, so a value may span segments (sort buffers, hash tables, spill files).</li>
 * </ul>
 *
 * <p>Fast path first: a value that fits writes with one bounds check on the position and one array
 * access; only a value crossing the limit goes through the slow path. Multi-byte values are
 * big-endian, as {@link MemorySegment} and normalized keys need. Not thread-safe: one writer at a time.
 */
public class SegmentOutputView implements DataOutputView {
    /**
     * Thrown by a bounded view when a value does not fit before its limit. Shared and stackless: a
     * writer that expects it compares by identity and retries, so throwing it costs little.
     */
    public static final EOFException FULL = new Full();

    private static final class Full extends EOFException {
        private static final long serialVersionUID = 1L;

        Full() {
            super("the value does not fit into the memory segment's remaining bytes");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final boolean growable;
    private MemorySegment segment;
    /** The segment's array, read once per value instead of through the segment. */
    private byte[] memory;
    private int position;
    private int limit;

    /** A growable view, starting with 64 bytes. */
    public SegmentOutputView() {
        this(64);
    }

    /** A growable view starting with {@code initialSize} bytes. */
    public SegmentOutputView(int initialSize) {
        this.growable = true;
        point(MemorySegment.allocate(Math.max(1, initialSize)), 0);
        this.limit = memory.length;
    }

    /**
     * A view writing into {@code segment} from its start up to {@code limit}; when full it asks
     * {@link #nextPage}, which by default throws {@link #FULL}.
     */
    public SegmentOutputView(MemorySegment segment, int limit) {
        this.growable = false;
        point(segment, 0);
        this.limit = limit;
    }

    private void point(MemorySegment segment, int position) {
        this.segment = segment;
        this.memory = segment == null ? null : segment.array();
        this.position = position;
    }

    /**
     * Hands over the full {@code current} segment (holding {@code bytes} written bytes) and returns
     * the segment to continue in from its start, all of which may be written. By default there is
     * none: a bounded view throws {@link #FULL}. Paged subclasses supply their pages here, and throw
     * {@link EOFException} when none is left.
     */
    protected MemorySegment nextPage(MemorySegment current, int bytes) throws IOException {
        throw FULL;
    }

    /** Continues writing in {@code segment} at {@code position} up to {@code limit}: for rewinds and restarts. */
    protected void seek(MemorySegment segment, int position, int limit) {
        point(segment, position);
        this.limit = limit;
    }

    /** Points a bounded view at bytes {@code position} to {@code limit} of another segment. */
    public void reset(MemorySegment segment, int position, int limit) {
        seek(segment, position, limit);
    }

    public MemorySegment getCurrentPage() {
        return segment;
    }

    /** The write position in the current segment. */
    public int getPositionInPage() {
        return position;
    }

    /** Bytes written so far: for a growable view, the whole content. */
    public int length() {
        return position;
    }

    /** Forgets the content, keeps the memory. */
    public void clear() {
        position = 0;
    }

    /** Moves the write position within the current segment, e.g. back to a length field to fill it in. */
    public void setPosition(int position) {
        if (position < 0 || position > limit) {
            throw new IndexOutOfBoundsException("position " + position + " beyond the limit " + limit);
        }
        this.position = position;
    }

    /** The current segment's array, valid up to {@link #length()}; a growable view replaces it when it grows. */
    public byte[] getSharedBuffer() {
        return memory;
    }

    /** A copy of the bytes written into the current segment. */
    public byte[] toByteArray() {
        return Arrays.copyOf(memory, position);
    }

    /** Makes room for {@code n} contiguous bytes if the view can (only a growable view can). */
    private boolean grow(int n) {
        if (!growable) {
            return false;
        }
        MemorySegment larger = MemorySegment.wrap(Arrays.copyOf(memory, Math.max(memory.length * 2, position + n)));
        point(larger, position);
        limit = memory.length;
        return true;
    }

    /** Moves on when the current segment is full: grows, or continues in the next page. */
    private void advance() throws IOException {
        if (!grow(1)) {
            point(nextPage(segment, position), 0);
            limit = memory.length;
        }
    }

    /**
     * Writes {@code s} as the string serializer does, its length as a one-byte varint and then one byte
     * per char, when it is shorter than 128 chars, all of them below 0x80 (ASCII), and it fits into the
     * current segment (a growable view grows for it); otherwise returns false with nothing written. The
     * fast path of the string serializer: one bounds check for the whole string.
     */
    public boolean writeShortAscii(String s) {
        int length = s.length();
        if (length >= 0x80 || (limit - position <= length && !grow(length + 1))) {
            return false;
        }
        int start = position;
        memory[position++] = (byte) length;
        if (writeAsciiInPage(s)) {
            return true;
        }
        position = start;
        return false;
    }

    /**
     * Writes the chars of {@code s} one byte each when all are below 0x80 (ASCII) and fit into the current
     * segment (a growable view grows for them); otherwise returns false, the position unchanged. The
     * string serializer's path for ASCII strings of 128 chars or more.
     */
    public boolean writeAsciiInPage(String s) {
        int length = s.length();
        if (limit - position < length && !grow(length)) {
            return false;
        }
        byte[] m = memory;
        int p = position;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            m[p + i] = (byte) c;
        }
        position = p + length;
        return true;
    }

    @Override
    public void write(int b) throws IOException {
        if (position == limit) {
            advance();
        }
        memory[position++] = (byte) b;
    }

    @Override
    public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (limit - position < len) {
            grow(len);
        }
        while (len > 0) {
            if (position == limit) {
                advance();
            }
            int n = Math.min(len, limit - position);
            System.arraycopy(b, off, memory, position, n);
            position += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void write(DataInputView source, int numBytes) throws IOException {
        if (limit - position < numBytes) {
            grow(numBytes);
        }
        while (numBytes > 0) {
            if (position == limit) {
                advance();
            }
            int n = Math.min(numBytes, limit - position);
            source.readFully(memory, position, n);
            position += n;
            numBytes -= n;
        }
    }

    @Override
    public void writeBoolean(boolean v) throws IOException {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) throws IOException {
        write(v);
    }

    @Override
    public void writeShort(int v) throws IOException {
        int p = position;
        if (limit - p >= 2) {
            SHORT.set(memory, p, (short) v);
            position = p + 2;
        } else {
            writeSlow(v, 2);
        }
    }

    @Override
    public void writeChar(int v) throws IOException {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) throws IOException {
        int p = position;
        if (limit - p >= 4) {
            INT.set(memory, p, v);
            position = p + 4;
        } else {
            writeSlow(v, 4);
        }
    }

    @Override
    public void writeLong(long v) throws IOException {
        int p = position;
        if (limit - p >= 8) {
            LONG.set(memory, p, v);
            position = p + 8;
        } else {
            writeSlow(v, 8);
        }
    }

    /**
     * Writes the {@code n} low bytes of {@code v}, big-endian, one by one: a value that crosses the
     * limit. Apart from the fast paths so that those stay small enough to inline everywhere.
     */
    private void writeSlow(long v, int n) throws IOException {
        grow(n);
        for (int shift = 8 * (n - 1); shift >= 0; shift -= 8) {
            write((int) (v >>> shift));
        }
    }

    @Override
    public void writeFloat(float v) throws IOException {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) throws IOException {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void writeDoubles(double[] values) throws IOException {
        int i = 0;
        while (i < values.length) {
            int p = position;
            int inPage = Math.min(values.length - i, (limit - p) >> 3);
            if (inPage == 0) {
                writeDouble(values[i++]);
                continue;
            }
            byte[] m = memory;
            for (int end = i + inPage; i < end; i++, p += 8) {
                LONG.set(m, p, Double.doubleToLongBits(values[i]));
            }
            position = p;
        }
    }

    @Override
    public void writeBytes(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            write(s.charAt(i));
        }
    }

    @Override
    public void writeChars(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /** Modified UTF-8 as {@link java.io.DataOutput#writeUTF} specifies: NUL and surrogates take 2 and 3 bytes. */
    @Override
    public void writeUTF(String s) throws IOException {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            length += c >= 1 && c <= 0x7f ? 1 : c <= 0x7ff ? 2 : 3;
        }
        if (length > 65535) {
            throw new UTFDataFormatException("String too long for writeUTF: " + length + " bytes");
        }
        writeShort(length);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 1 && c <= 0x7f) {
                write(c);
            } else if (c <= 0x7ff) {
                write(0xc0 | (c >> 6));
                write(0x80 | (c & 0x3f));
            } else {
                write(0xe0 | (c >> 12));
                write(0x80 | ((c >> 6) & 0x3f));
                write(0x80 | (c & 0x3f));
            }
        }
    }
}
