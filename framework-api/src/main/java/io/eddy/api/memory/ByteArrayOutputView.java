package io.eddy.api.memory;

import java.io.IOException;
import java.io.UTFDataFormatException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable, reusable byte array to serialize into. {@link #clear()} keeps the array, so a
 * long-lived instance allocates only while it grows. Big-endian.
 *
 * <p>Not thread-safe.
 */
public final class ByteArrayOutputView implements DataOutputView {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buffer;
    private int position;

    public ByteArrayOutputView() {
        this(64);
    }

    public ByteArrayOutputView(int initialCapacity) {
        buffer = new byte[Math.max(1, initialCapacity)];
    }

    /** Forgets the content, keeps the array. */
    public void clear() {
        position = 0;
    }

    public int length() {
        return position;
    }

    /** Moves the write position, e.g. back to a length field to fill it in. */
    public void setPosition(int position) {
        if (position < 0 || position > buffer.length) {
            throw new IndexOutOfBoundsException("position " + position);
        }
        this.position = position;
    }

    /** The internal array, valid up to {@link #length()}; changes on growth. */
    public byte[] getSharedBuffer() {
        return buffer;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    private int claim(int n) {
        int p = position;
        if (buffer.length - p < n) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, p + n));
        }
        position = p + n;
        return p;
    }

    @Override
    public void write(int b) {
        int p = claim(1);
        buffer[p] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int p = claim(len);
        System.arraycopy(b, off, buffer, p, len);
    }

    @Override
    public void write(DataInputView source, int numBytes) throws IOException {
        int p = claim(numBytes);
        source.readFully(buffer, p, numBytes);
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        int p = claim(2);
        SHORT.set(buffer, p, (short) v);
    }

    @Override
    public void writeChar(int v) {
        int p = claim(2);
        SHORT.set(buffer, p, (short) v);
    }

    @Override
    public void writeInt(int v) {
        int p = claim(4);
        INT.set(buffer, p, v);
    }

    @Override
    public void writeLong(long v) {
        int p = claim(8);
        LONG.set(buffer, p, v);
    }

    @Override
    public void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    @Override
    public void writeBytes(String s) {
        int p = claim(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[p + i] = (byte) s.charAt(i);
        }
    }

    @Override
    public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /** Modified UTF-8 as {@link java.io.DataOutputthere too, since container-runtime's tests cannot depend on test-utils.writeUTF} specifies. */
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
        int p = claim(length);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 1 && c <= 0x7f) {
                buffer[p++] = (byte) c;
            } else if (c <= 0x7ff) {
                buffer[p++] = (byte) (0xc0 | (c >> 6));
                buffer[p++] = (byte) (0x80 | (c & 0x3f));
            } else {
                buffer[p++] = (byte) (0xe0 | (c >> 12));
                buffer[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buffer[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }
}
