package io.eddy.api.memory;

import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a region of a byte array; re-pointed with {@link #setBuffer} without allocating. The
 * network stack deserializes records straight out of buffers with it. Big-endian.
 *
 * <p>Not thread-safe.
 */
public final class ByteArrayInputView implements DataInputView {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final byte[] EMPTY = new byte[0];

    private byte[] buffer = EMPTY;
    private int position;
    private int end;

    public ByteArrayInputView() {}

    public ByteArrayInputView(byte[] buffer) {
        setBuffer(buffer, 0, buffer.length);
    }

    public void setBuffer(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + buffer.length);
        }
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    public int getPosition() {
        return position;
    }

    public void setPosition(int position) {
        if (position < 0 || position > end) {
            throw new IndexOutOfBoundsException("position " + position + " beyond " + end);
        }
        this.position = position;
    }

    /** Bytes left to read. */
    public int available() {
        return end - position;
    }

    private int claim(int n) throws EOFException {
        int p = position;
        if (end - p < n) {
            throw new EOFException("Needed " + n + " bytes, only " + (end - p) + " left");
        }
        position = p + n;
        return p;
    }

    @Override
    public void skipBytesToRead(int numBytes) throws IOException {
        claim(numBytes);
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position == end) {
            return len == 0 ? 0 : -1;
        }
        int n = Math.min(len, end - position);
        System.arraycopy(buffer, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        System.arraycopy(buffer, claim(len), b, off, len);
    }

    @Override
    public int skipBytes(int n) {
        int skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return buffer[claim(1)] != 0;
    }

    @Override
    public byte readByte() throws IOException {
        return buffer[claim(1)];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return buffer[claim(1)] & 0xff;
    }

    @Override
    public short readShort() throws IOException {
        return (short) SHORT.get(buffer, claim(2));
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return ((short) SHORT.get(buffer, claim(2))) & 0xffff;
    }

    @Override
    public char readChar() throws IOException {
        return (char) (short) SHORT.get(buffer, claim(2));
    }

    @Override
    public int readInt() throws IOException {
        return (int) INT.get(buffer, claim(4));
    }

    @Override
    public long readLong() throws IOException {
        return (long) LONG.get(buffer, claim(8));
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

    /** Modified UTF-8 as {@link java.io.DataInputthere too, since container-runtime's tests cannot depend on test-utils.readUTF} specifies. */
    @Override
    public String readUTF() throws IOException {
        int length = readUnsignedShort();
        int p = claim(length);
        int limit = p + length;
        char[] chars = new char[length];
        int n = 0;
        while (p < limit) {
            int b = buffer[p++] & 0xff;
            if (b < 0x80) {
                chars[n++] = (char) b;
            } else if ((b & 0xe0) == 0xc0 && p < limit) {
                chars[n++] = (char) (((b & 0x1f) << 6) | (buffer[p++] & 0x3f));
            } else if ((b & 0xf0) == 0xe0 && p + 1 < limit) {
                chars[n++] = (char) (((b & 0x0f) << 12) | ((buffer[p] & 0x3f) << 6) | (buffer[p + 1] & 0x3f));
                p += 2;
            } else {
                throw new UTFDataFormatException("malformed modified UTF-8 at byte " + (p - 1));
            }
        }
        return new String(chars, 0, n);
    }
}
