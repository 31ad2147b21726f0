package io.eddy.runtime.exchange;

import io.eddy.api.memory.MemorySegment;

import java.util.Arrays;

/**
 * A {@link MemorySegment} carrying serialized records between tasks, with the number of bytes
 * written into it. Readers deserialize straight from the segment without copying.
 *
 * <p>Ownership: a producer gets a buffer from its {@link BufferPool}, writes it and hands it to a
 * subpartition; from then on the consumer owns it and must call {@link #recycle()} exactly once
 * after reading, which returns it to the pool. An event buffer ({@link #event}) and an overdraft
 * buffer ({@link BufferPool#requestOverdraft()}) belong to no pool: their recycle does nothing, so a
 * producer can send a checkpoint barrier, or finish a large record, while its pool is exhausted.
 */
public final class NetworkBuffer {
    private final MemorySegment segment;
    /** The pool the buffer returns to; null for an event or overdraft buffer. */
    private BufferPool owner;
    /**
     * An unaligned checkpoint's barrier sent ahead of the data queued before it: it may arrive in the
     * middle of an element that spans buffers, so the reader handles it apart from the byte stream.
     */
    private boolean overtaking;
    /** Bytes written: the producer's write position, the consumer's read limit. */
    private int size;

    NetworkBuffer(MemorySegment segment) {
        this.segment = segment;
    }

    /** A buffer of its own, outside any pool, holding the {@code size} bytes of {@code bytes}. */
    static NetworkBuffer event(byte[] bytes, int size) {
        NetworkBuffer buffer = new NetworkBuffer(MemorySegment.wrap(Arrays.copyOf(bytes, size)));
        buffer.size = size;
        return buffer;
    }

    public boolean isOvertaking() {
        return overtaking;
    }

    public void markOvertaking() {
        overtaking = true;
    }

    public MemorySegment segment() {
        return segment;
    }

    /** A copy of the bytes written. */
    public byte[] copyOfContent() {
        return Arrays.copyOf(segment.array(), size);
    }

    public int capacity() {
        return segment.size();
    }

    public int size() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    void assignTo(BufferPool pool) {
        this.owner = pool;
        this.size = 0;
        this.overtaking = false;
    }

    /** Returns the buffer to its pool; the caller must not touch it afterwards. */
    public void recycle() {
        if (owner != null) {
            owner.recycle(this);
        }
    }
}
