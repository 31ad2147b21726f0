package io.eddy.runtime.exchange;

/**
 * A fixed-size memory segment carrying serialized records between tasks. Heap-backed so readers
 * deserialize straight from {@link #segment()} without copying.
 *
 * <p>Ownership: a producer gets a buffer from its {@link BufferPool}, writes it and hands it to a
 * subpartition; from then on the consumer owns it and must call {@link #recycle()} exactly once
 * after reading, which returns it to the pool.
 */
public final class NetworkBuffer {
    private final byte[] segment;
    private BufferPool owner;
    /** Bytes written: the producer's write position, the consumer's read limit. */
    private int size;

    NetworkBuffer(byte[] segment) {
        this.segment = segment;
    }

    public byte[] segment() {
        return segment;
    }

    public int capacity() {
        return segment.length;
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
    }

    /** Returns the buffer to its pool; the caller must not touch it afterwards. */
    public void recycle() {
        owner.recycle(this);
    }
}
