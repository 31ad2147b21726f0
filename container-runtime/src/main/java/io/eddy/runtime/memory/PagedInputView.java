package io.eddy.runtime.memory;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.MemorySegment;

import java.io.EOFException;
import java.io.IOException;

/**
 * A {@link DataInputView} over a sequence of pages, the mirror of {@link PagedOutputView}: reads
 * continue on the page {@link #nextPage} supplies when the current one is exhausted. Subclasses read
 * pages from memory (a sort buffer's record pages) or from a file (a spilled run). Not thread-safe.
 */
public abstract class PagedInputView implements DataInputView {
    private MemorySegment page;
    private int position;
    private int limit;

    protected PagedInputView(MemorySegment firstPage, int position, int limit) {
        seek(firstPage, position, limit);
    }

    /** The page after {@code current}; {@link #limitOf} then tells how many of its bytes are valid. EOFException at the end. */
    protected abstract MemorySegment nextPage(MemorySegment current) throws IOException;

    /** Bytes valid in the page most recently returned by {@link #nextPage} (its size for all but the last). */
    protected abstract int limitOf(MemorySegment page);

    protected void seek(MemorySegment page, int position, int limit) {
        this.page = page;
        this.position = position;
        this.limit = limit;
    }

    public int getPositionInPage() {
        return position;
    }

    private void advance() throws IOException {
        MemorySegment next = nextPage(page);
        page = next;
        position = 0;
        limit = limitOf(next);
    }

    @Override
    public void skipBytesToRead(int numBytes) throws IOException {
        while (numBytes > 0) {
            if (position == limit) {
                advance();
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
        try {
            if (position == limit) {
                advance();
            }
        } catch (EOFException end) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        page.get(position, b, off, n);
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
                advance();
            }
            int n = Math.min(len, limit - position);
            page.get(position, b, off, n);
            position += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public int skipBytes(int n) throws IOException {
        skipBytesToRead(n);
        return n;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return readByte() != 0;
    }

    @Override
    public byte readByte() throws IOException {
        if (position == limit) {
            advance();
        }
        return page.get(position++);
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return readByte() & 0xff;
    }

    @Override
    public short readShort() throws IOException {
        if (limit - position >= 2) {
            short v = page.getShort(position);
            position += 2;
            return v;
        }
        return (short) ((readUnsignedByte() << 8) | readUnsignedByte());
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
        if (limit - position >= 4) {
            int v = page.getInt(position);
            position += 4;
            return v;
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | readUnsignedByte();
        }
        return v;
    }

    @Override
    public long readLong() throws IOException {
        if (limit - position >= 8) {
            long v = page.getLong(position);
            position += 8;
            return v;
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
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
    public String readLine() {
        throw new UnsupportedOperationException("readLine is not supported; serializers use their own string format");
    }

    @Override
    public String readUTF() {
        throw new UnsupportedOperationException("readUTF is not supported; serializers use their own string format");
    }
}
