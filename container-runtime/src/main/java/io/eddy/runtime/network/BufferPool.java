package io.eddy.runtime.network;

import java.util.ArrayDeque;

/**
 * The buffers reserved for one result partition. The producing task takes buffers
 * ({@link #requestBlocking}); consumers give them back ({@link NetworkBufferthere too, since container-runtime's tests cannot depend on test-utils.recycle()}). When all
 * are in flight the producer waits: that wait is back-pressure, and its duration is measured.
 *
 * <p>Thread-safe: the producer's task thread requests, consumer threads recycle.
 */
public final class BufferPool {
    private final NetworkBufferPool global;
    private final int capacity;
    /** Told after each buffer came back, outside the lock; null for producer pools. */
    private final Runnable recycleListener;
    private final ArrayDeque<NetworkBuffer> free = new ArrayDeque<>();
    /** Buffers created from global segments so far (guarded by this). */
    private int created;
    private boolean destroyed;
    private boolean reservationReleased;
    /** Nanoseconds the producer waited for a buffer in finished waits (guarded by this). */
    private long backPressuredNanos;
    /** When the producer's current wait began, while {@link #waiting} (guarded by this). */
    private long waitStart;
    private boolean waiting;

    BufferPool(NetworkBufferPool global, int capacity, Runnable recycleListener) {
        this.global = global;
        this.capacity = capacity;
        this.recycleListener = recycleListener;
    }

    public int getCapacity() {
        return capacity;
    }

    /**
     * Total time the producer waited for a buffer, including the wait under way: a wait for a slow
     * consumer can last longer than the interval between two samples of this figure.
     */
    public synchronized long getBackPressuredNanos() {
        return waiting ? backPressuredNanos + (System.nanoTime() - waitStart) : backPressuredNanos;
    }

    /**
     * A free buffer, waiting while all are in flight.
     *
     * @param cancelled checked while waiting, so a cancelled task stops waiting
     * @throws InterruptedException when the task is cancelled or interrupted while waiting
     */
    public NetworkBuffer requestBlocking(java.util.function.BooleanSupplier cancelled) throws InterruptedException {
        NetworkBuffer b = tryRequest();
        if (b != null) {
            return b;
        }
        synchronized (this) {
            waitStart = System.nanoTime();
            waiting = true;
            try {
                while ((b = tryRequestLocked()) == null) {
                    if (cancelled.getAsBoolean() || destroyed) {
                        throw new InterruptedException("Task was cancelled while waiting for a network buffer");
                    }
                    wait(100);
                }
                return b;
            } finally {
                waiting = false;
                backPressuredNanos += System.nanoTime() - waitStart;
            }
        }
    }

    public synchronized NetworkBuffer tryRequest() {
        return tryRequestLocked();
    }

    private NetworkBuffer tryRequestLocked() {
        NetworkBuffer b = free.poll();
        if (b == null && created < capacity && !destroyed) {
            created++;
            b = new NetworkBuffer(global.takeSegment());
        }
        if (b != null) {
            b.assignTo(this);
        }
        return b;
    }

    void recycle(NetworkBuffer buffer) {
        synchronized (this) {
            if (destroyed) {
                giveBack(buffer);
                return;
            }
            free.push(buffer);
            notifyAll();
        }
        if (recycleListener != null) {
            recycleListener.run();
        }
    }

    /** Buffers handed out and not yet recycled; for tests and metrics. */
    public synchronized int inUse() {
        return created - free.size();
    }

    /** Releases the reservation; buffers still in flight return to the global pool when recycled. */
    public synchronized void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        NetworkBuffer b;
        while ((b = free.poll()) != null) {
            giveBack(b);
        }
        releaseReservationWhenEmpty();
        notifyAll();
    }

    private void giveBack(NetworkBuffer buffer) {
        global.returnSegment(buffer.segment());
        created--;
        releaseReservationWhenEmpty();
    }

    private void releaseReservationWhenEmpty() {
        if (created == 0 && !reservationReleased) {
            reservationReleased = true;
            global.releaseReservation(capacity);
        }
    }
}
