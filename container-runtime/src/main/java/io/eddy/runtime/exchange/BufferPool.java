package io.eddy.runtime.exchange;

import io.eddy.api.memory.MemorySegment;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The buffers reserved for one result partition. The producing task takes buffers
 * ({@link #tryRequest}, {@link #requestBlocking}); consumers give them back
 * ({@link NetworkBuffer#recycle()}). When all are in flight the producer waits: that wait is
 * back-pressure, and its duration is measured. A task waits without blocking its thread: it asks
 * for {@link #getAvailableFuture()} before the next record and suspends its input until the
 * future completes, serving its mailbox meanwhile. A record that needs more buffers than are
 * left never waits in the middle: its further parts go into overdraft buffers
 * ({@link #requestOverdraft()}); only the first buffer of a record that one input element emits
 * after the pool ran dry is waited for, as the writer's {@link BufferWaiter} decides (a task
 * serves its mailbox meanwhile; {@link #requestBlocking} blocks, for a writer without a task).
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
    /** Overdraft buffers handed out so far; written by the producer only, read by metric threads. */
    private volatile long overdrafts;
    /** Completed by the next recycle or by destroy; not null only while the producer waits for it (guarded by this). */
    private CompletableFuture<Void> availability;

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
     * A free buffer, waiting while all are in flight. Recycles and {@link #destroy()} wake the wait;
     * cancelling a task interrupts its thread.
     *
     * @param cancelled checked before each wait, so a cancelled task stops waiting
     * @throws InterruptedException when the task is cancelled or interrupted while waiting
     */
    public NetworkBuffer requestBlocking(BooleanSupplier cancelled) throws InterruptedException {
        NetworkBuffer b = tryRequest();
        if (b != null) {
            return b;
        }
        synchronized (this) {
            startWaiting();
            try {
                while ((b = tryRequestLocked()) == null) {
                    if (cancelled.getAsBoolean() || destroyed) {
                        throw new InterruptedException("Task was cancelled while waiting for a network buffer");
                    }
                    wait();
                }
                return b;
            } finally {
                stopWaiting();
            }
        }
    }

    /** Whether a buffer can be had at once. */
    public synchronized boolean isAvailable() {
        return destroyed || !free.isEmpty() || created < capacity;
    }

    /**
     * Null while a buffer can be had at once; otherwise a future that completes when one comes back
     * (or the pool is destroyed). For the producing task thread, which suspends its input on it; the
     * time until it completes counts as back-pressure.
     */
    public CompletableFuture<Void> getAvailableFuture() {
        synchronized (this) {
            if (isAvailable()) {
                return null;
            }
            if (availability == null) {
                availability = new CompletableFuture<>();
                startWaiting();
            }
            return availability;
        }
    }

    private void startWaiting() {
        if (!waiting) {
            waitStart = System.nanoTime();
            waiting = true;
        }
    }

    private void stopWaiting() {
        if (waiting && availability == null) {
            waiting = false;
            backPressuredNanos += System.nanoTime() - waitStart;
        }
    }

    /** Takes the future a waiting producer holds, ending its wait; called under the lock. */
    private CompletableFuture<Void> takeAvailability() {
        CompletableFuture<Void> f = availability;
        if (f != null) {
            availability = null;
            stopWaiting();
        }
        return f;
    }

    /**
     * A buffer beyond the reservation, for the rest of a record already under way when no buffer is
     * free, so that a record larger than what is left (or than the whole pool) goes out without
     * waiting. It belongs to no pool: its recycle does nothing and the garbage collector takes its
     * memory. The overdraft is bounded by the one record, which its writer already holds serialized.
     */
    public NetworkBuffer requestOverdraft() {
        overdrafts++; // the producer's thread only: no lost update
        return new NetworkBuffer(MemorySegment.allocate(global.getSegmentSize()));
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
        CompletableFuture<Void> waiter;
        synchronized (this) {
            if (destroyed) {
                giveBack(buffer);
                return;
            }
            free.push(buffer);
            notifyAll();
            waiter = takeAvailability();
        }
        if (waiter != null) {
            waiter.complete(null); // outside the lock: it puts a mail into the producer's mailbox
        }
        if (recycleListener != null) {
            recycleListener.run();
        }
    }

    /** Overdraft buffers handed out so far ({@link #requestOverdraft()}): how often the pool did not suffice. */
    public long overdrafts() {
        return overdrafts;
    }

    /** Buffers handed out and not yet recycled; for tests and metrics. */
    public synchronized int inUse() {
        return created - free.size();
    }

    /** Releases the reservation; buffers still in flight return to the global pool when recycled. */
    public void destroy() {
        CompletableFuture<Void> waiter;
        synchronized (this) {
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
            waiter = takeAvailability();
        }
        if (waiter != null) {
            waiter.complete(null);
        }
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
