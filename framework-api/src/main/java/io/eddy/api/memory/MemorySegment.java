package io.eddy.api.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fixed-size block of heap memory: the one unit in which Eddy manages memory. Network buffers,
 * the serializers' byte views and the managed memory of batch operators (sort buffers, hash tables,
 * iteration state) all hold their bytes in segments, so a segment can move between them without
 * copying and every budget is counted in segments.
 *
 * <p>Multi-byte values are big-endian, the order of {@link DataOutputView}, so a record serialized
 * into a segment reads back through any view and normalized keys compare as unsigned bytes.
 *
 * <p>Heap-backed on purpose: readers deserialize straight from {@link #array()} and the JIT removes the
 * bounds checks of the array accesses; a segment is never resized. Not thread-safe: one owner at a
 * time, handed over explicitly (see the users' ownership notes).
 */
public final class MemorySegment {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] memory;

    private MemorySegment(byte[] memory) {
        this.memory = memory;
    }

    /** A new zeroed segment of {@code size} bytes. */
    public static MemorySegment allocate(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("A memory segment needs a positive size, not " + size);
        }
        return new MemorySegment(new byte[size]);
    }

    /** A segment over an existing array, which the caller hands over and no longer writes. */
    public static MemorySegment wrap(byte[] memory) {
        return new MemorySegment(Objects.requireNonNull(memory, "memory"));
    }

    public int size() {
        return memory.length;
    }

    /** The backing array, for views and codecs that read or write it directly. */
    public byte[] array() {
        return memory;
    }

    /** A big-endian {@link ByteBuffer} over {@code length} bytes from {@code offset}, sharing the memory. */
    public ByteBuffer wrap(int offset, int length) {
        return ByteBuffer.wrap(memory, offset, length).slice();
    }

    public byte get(int index) {
        return memory[index];
    }

    public void put(int index, byte value) {
        memory[index] = value;
    }

    public void get(int index, byte[] dst, int offset, int length) {
        System.arraycopy(memory, index, dst, offset, length);
    }

    public void put(int index, byte[] src, int offset, int length) {
        System.arraycopy(src, offset, memory, index, length);
    }

    public short getShort(int index) {
        return (short) SHORT.get(memory, index);
    }

    public void putShort(int index, short value) {
        SHORT.set(memory, index, value);
    }

    public int getInt(int index) {
        return (int) INT.get(memory, index);
    }

    public void putInt(int index, int value) {
        INT.set(memory, index, value);
    }

    public long getLong(int index) {
        return (long) LONG.get(memory, index);
    }

    public void putLong(int index, long value) {
        LONG.set(memory, index, value);
    }

    public double getDouble(int index) {
        return Double.longBitsToDouble(getLong(index));
    }

    public void putDouble(int index, double value) {
        putLong(index, Double.doubleToRawLongBits(value));
    }

    /** Copies {@code length} bytes from {@code offset} into {@code target} at {@code targetOffset}. */
    public void copyTo(int offset, MemorySegment target, int targetOffset, int length) {
        System.arraycopy(memory, offset, target.memory, targetOffset, length);
    }

    /**
     * Compares {@code length} bytes as unsigned values, as normalized keys are compared: negative, zero
     * or positive as this range sorts before, equal to or after the other.
     */
    public int compare(MemorySegment other, int offset, int otherOffset, int length) {
        return Arrays.compareUnsigned(memory, offset, offset + length, other.memory, otherOffset, otherOffset + length);
    }

    /** Swaps {@code length} bytes at {@code offset} with those of {@code other} at {@code otherOffset}. */
    public void swapBytes(byte[] scratch, MemorySegment other, int offset, int otherOffset, int length) {
        System.arraycopy(memory, offset, scratch, 0, length);
        System.arraycopy(other.memory, otherOffset, memory, offset, length);
        System.arraycopy(scratch, 0, other.memory, otherOffset, length);
    }

    public void fill(int offset, int length, byte value) {
        Arrays.fill(memory, offset, offset + length, value);
    }
}
