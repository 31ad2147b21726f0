package io.eddy.runtime.exchange;

import io.eddy.api.memory.DataInputView;
import io.eddy.api.memory.DataOutputView;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes straight into a network buffer's segment up to a limit. Running past the limit throws
 * the preallocated {@link #OVERFLOW}, and the writer retries the record through its spanning
 * path; records that fit, the vast majority, are serialized without any copy.
 *
 * <p>Used by one task thread only.
 */
final class BufferOutputView implements DataOutputView {
    /** Thrown when the record does not fit; no stack trace, so throwing it is cheap. */
    static final IOException OVERFLOW = new Overflow();

    /** Stackless: thrown often enough that filling in a stack trace would cost. */
    private static final class Overflow extends IOException {
        private static final long serialVersionUID = 1L;

        Overflow() {
            super("record does not fit into the buffer");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] segment;
    private int position;
    private int limit;

    void reset(byte[] segment, int position, int limit) {
        this.segment = segment;
        this.position = position;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    private int claim(int n) throws IOException {
        int p = position;
        if (limit - p < n) {
            throw OVERFLOW;
        }
        position = p + n;
        return p;
    }

    @Override
    public void write(int b) throws IOException {
        segment[claim(1)] = (byte) b;
    }

    @Override
    public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        System.arraycopy(b, off, segment, claim(len), len);
    }

    @Override
    public void write(DataInputView source, int numBytes) throws IOException {
        source.readFully(segment, claim(numBytes), numBytes);
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
        SHORT.set(segment, claim(2), (short) v);
    }

    @Override
    public void writeChar(int v) throws IOException {
        SHORT.set(segment, claim(2), (short) v);
    }

    @Override
    public void writeInt(int v) throws IOException {
        INT.set(segment, claim(4), v);
    }

    @Override
    public void writeLong(long v) throws IOException {
        LONG.set(segment, claim(8), v);
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
        int p = claim(s.length());
        for (int i = 0; i < s.length(); i++) {
            segment[p + i] = (byte) s.charAt(i);
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
        // modified UTF-8, as DataOutput specifies: NUL and surrogates take 2 and 3 bytes
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            length += c >= 1 && c <= 0x7f ? 1 : c <= 0x7ff ? 2 : 3;
        }
        if (length > 65535) {
            throw new IOException("String too long for writeUTF: " + length + " bytes");
        }
        writeShort(length);
        int p = claim(length);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 1 && c <= 0x7f) {
                segment[p++] = (byte) c;
            } else if (c <= 0x7ff) {
                segment[p++] = (byte) (0xc0 | (c >> 6));
                segment[p++] = (byte) (0x80 | (c & 0x3f));
            } else {
                segment[p++] = (byte) (0xe0 | (c >> 12));
                segment[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                segment[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }
}
