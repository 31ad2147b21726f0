package io.eddy.runtime.exchange;

import io.eddy.api.memory.MemorySegment;

import java.util.ArrayDeque;

/**
 * The network memory of one TaskManager: a fixed number of equally sized segments, allocated on
 * first use and reused afterwards. Each result partition reserves its share up front through a
 * {@link BufferPool}, so a job either gets all the memory it needs at deployment or fails there
 * with a clear message, and never deadlocks on buffers at run time.
 *
 * <p>Thread-safe: pools of many tasks reserve and release concurrently.
 */
public final class NetworkBufferPool {
    private final int segmentSize;
    private final int totalSegments;
    private final ArrayDeque<MemorySegment> free = new ArrayDeque<>();
    /** Segments reserved by pools (guarded by this). */
    private int reserved;
    /** Segments ever allocated (guarded by this). */
    private int allocated;

    public NetworkBufferPool(int totalSegments, int segmentSize) {
        if (totalSegments < 1 || segmentSize < 64) {
            throw new IllegalArgumentException("Network memory must hold at least one buffer of at least 64 bytes");
        }
        this.totalSegments = totalSegments;
        this.segmentSize = segmentSize;
    }

    public int getSegmentSize() {
        return segmentSize;
    }

    public int getTotalSegments() {
        return totalSegments;
    }

    public synchronized int getAvailableSegments() {
        return totalSegments - reserved;
    }

    /**
     * Reserves {@code count} segments for a new pool.
     *
     * @throws InsufficientNetworkMemoryException when fewer are left; the message names the options to raise
     */
    public BufferPool createPool(String owner, int count) {
        return createPool(owner, count, null);
    }

    /**
     * Like {@link #createPool(String, int)}, with a listener told after every recycled buffer: a
     * remote input channel turns it into credit for its producer.
     */
    public synchronized BufferPool createPool(String owner, int count, Runnable recycleListener) {
        if (count > totalSegments - reserved) {
            throw new InsufficientNetworkMemoryException(owner, count, totalSegments - reserved, totalSegments,
                    segmentSize);
        }
        reserved += count;
        return new BufferPool(this, count, recycleListener);
    }

    synchronized MemorySegment takeSegment() {
        MemorySegment s = free.poll();
        if (s == null) {
            if (allocated == totalSegments) {
                throw new IllegalStateException("Network buffer pool exhausted: reservations are out of balance");
            }
            allocated++;
            s = MemorySegment.allocate(segmentSize);
        }
        return s;
    }

    synchronized void returnSegment(MemorySegment segment) {
        free.push(segment);
    }

    synchronized void releaseReservation(int count) {
        reserved -= count;
    }
}
