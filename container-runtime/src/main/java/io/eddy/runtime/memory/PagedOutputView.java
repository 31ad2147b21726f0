package io.eddy.runtime.memory;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;
import io.eddy.api.memory.MemorySegment;

import java.io.IOException;

/**
 * A {@link DataOutputView} over a sequence of pages: values are written into the current page and
 * continue on the page that {@link #nextPage} supplies when it is full, so a value may span pages.
 * Subclasses decide where pages come from and what happens to a full one (kept in memory by a sort
 * buffer, written to a spill file by a channel view).
 *
 * <p>Fast path first: a value that fits in the current page is written with one array access; only
 * values crossing a page boundary go byte by byte. Not thread-safe.
 */
public abstract class PagedOutputView implements DataOutputView {
    private MemorySegment page;
    private int position;
    private int limit;

    protected PagedOutputView(MemorySegment firstPage, int limit) {
        this.page = firstPage;
        this.limit = limit;
    }

    /**
     * Hands over the full {@code current} page (holding {@code bytes} written bytes) and returns the
     * next page to write to. Throws {@link java.io.EOFException} when no page is left.
     */
    protected abstract MemorySegment nextPage(MemorySegment current, int bytes) throws IOException;

    public MemorySegment getCurrentPage() {
        return page;
    }

    public int getPositionInPage() {
        return position;
    }

    /** Continues writing in {@code page} at {@code position}: for rewinds and restarts. */
    protected void seek(MemorySegment page, int position, int limit) {
        this.page = page;
        this.position = position;
        this.limit = limit;
    }

    private void advance() throws IOException {
        page = nextPage(page, position);
        position = 0;
        limit = page.size();
    }

    @Override
    public void write(int b) throws IOException {
        if (position == limit) {
            advance();
        }
        page.put(position++, (byte) b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (position == limit) {
                advance();
            }
            int n = Math.min(len, limit - position);
            page.put(position, b, off, n);
            position += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void write(DataInputView source, int numBytes) throws IOException {
        while (numBytes > 0) {
            if (position == limit) {
                advance();
            }
            int n = Math.min(numBytes, limit - position);
            source.readFully(page.array(), position, n);
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
        if (limit - position >= 2) {
            page.putShort(position, (short) v);
            position += 2;
        } else {
            write(v >>> 8);
            write(v);
        }
    }

    @Override
    public void writeChar(int v) throws IOException {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) throws IOException {
        if (limit - position >= 4) {
            page.putInt(position, v);
            position += 4;
        } else {
            for (int shift = 24; shift >= 0; shift -= 8) {
                write(v >>> shift);
            }
        }
    }

    @Override
    public void writeLong(long v) throws IOException {
        if (limit - position >= 8) {
            page.putLong(position, v);
            position += 8;
        } else {
            for (int shift = 56; shift >= 0; shift -= 8) {
                write((int) (v >>> shift));
            }
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

    @Override
    public void writeUTF(String s) throws IOException {
        throw new UnsupportedOperationException("writeUTF is not supported; serializers use their own string format");
    }
}
