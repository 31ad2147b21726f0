package io.eddy.runtime.exchange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue of finished buffers from one producer to one consumer. The producer appends, the
 * consumer polls; the consumer's listener is told when the queue turns non-empty, so a waiting
 * consumer wakes once per burst, not once per buffer.
 *
 * <p>Thread-safe; the queue is bounded by the producer's {@link BufferPool}.
 */
public final class ResultSubpartition {
    private final ArrayDeque<NetworkBuffer> buffers = new ArrayDeque<>();
    private DataAvailabilityListener listener;
    private int listenerChannel;
    private boolean released;
    /** Why this channel cannot deliver more data; only set on mirrors of remote subpartitions. */
    private volatile Throwable failure;
    /**
     * The buffer size the consumer asks for (buffer debloating): the producer finishes a buffer
     * once it holds this many bytes. Written by the consumer (or the network thread for a remote
     * one), read by the producer when it opens a buffer.
     */
    private volatile int targetBufferSize = Integer.MAX_VALUE;
    /** Whether buffers remained after the last poll; written and read by the consumer thread only. */
    private boolean moreAfterPoll;

    /** Takes ownership of {@code buffer}; recycles it at once if the subpartition was released. */
    public void add(NetworkBuffer buffer) {
        DataAvailabilityListener toNotify = null;
        synchronized (this) {
            if (released) {
                buffer.recycle();
                return;
            }
            buffers.add(buffer);
            if (buffers.size() == 1) {
                toNotify = listener;
            }
        }
        if (toNotify != null) {
            toNotify.notifyDataAvailable(listenerChannel);
        }
    }

    /**
     * Puts {@code event} (an unaligned checkpoint's barrier) before every queued buffer and returns
     * a copy of each buffer it overtook, in order: the producer stores them with its checkpoint. The
     * overtaken buffers stay queued and are delivered after the event.
     */
    public List<byte[]> addPriorityEvent(NetworkBuffer event) {
        boolean wasEmpty;
        DataAvailabilityListener toNotify;
        List<byte[]> overtaken = new ArrayList<>();
        synchronized (this) {
            if (released) {
                return overtaken;
            }
            for (NetworkBuffer b : buffers) {
                overtaken.add(b.copyOfContent());
            }
            wasEmpty = buffers.isEmpty();
            event.markOvertaking();
            buffers.addFirst(event);
            toNotify = listener;
        }
        if (wasEmpty && toNotify != null) {
            toNotify.notifyDataAvailable(listenerChannel);
        }
        return overtaken;
    }

    /** The oldest buffer, or null; the caller owns it and must recycle it. */
    public NetworkBuffer poll() {
        synchronized (this) {
            NetworkBuffer b = buffers.poll();
            // a failed channel stays "available" so the consumer polls once more and sees the failure
            moreAfterPoll = !buffers.isEmpty() || (b != null && failure != null);
            return b;
        }
    }

    /** Whether the last {@link #poll()} left buffers behind. */
    public boolean moreAvailable() {
        return moreAfterPoll;
    }

    /** Registers the consumer; tells it at once if data (or a failure) is already waiting. */
    public void subscribe(DataAvailabilityListener consumer, int channel) {
        boolean hasData;
        synchronized (this) {
            listener = consumer;
            listenerChannel = channel;
            // a failure that came before the consumer must still reach it
            hasData = !buffers.isEmpty() || failure != null;
        }
        if (hasData) {
            consumer.notifyDataAvailable(channel);
        }
    }

    /**
     * Drops queued data and makes later additions recycle themselves. The consumer is notified, so
     * a remote sender learns that nothing more will come; a local gate just finds the queue empty.
     */
    public void release() {
        DataAvailabilityListener toNotify;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            NetworkBuffer b;
            while ((b = buffers.poll()) != null) {
                b.recycle();
            }
            toNotify = listener;
        }
        if (toNotify != null) {
            toNotify.notifyDataAvailable(listenerChannel);
        }
    }

    public synchronized boolean isReleased() {
        return released;
    }

    /**
     * Marks the channel failed: once the queued buffers are read, the consumer's gate throws
     * {@code cause}'s message. Used by the mirror of a remote subpartition when the connection,
     * the request or the producer fails.
     */
    public void fail(Throwable cause) {
        DataAvailabilityListener toNotify;
        synchronized (this) {
            if (failure != null || released) {
                return;
            }
            failure = cause;
            toNotify = listener;
        }
        if (toNotify != null) {
            toNotify.notifyDataAvailable(listenerChannel);
        }
    }

    /** The cause given to {@link #fail}, or null. */
    public Throwable failure() {
        return failure;
    }

    /** The consumer asks for buffers of at most {@code bytes}; the producer's next buffers follow. */
    public void announceBufferSize(int bytes) {
        targetBufferSize = bytes;
    }

    /** The size the consumer asked for, {@link Integer#MAX_VALUE} when it never asked. */
    public int targetBufferSize() {
        return targetBufferSize;
    }

    public synchronized int queuedBuffers() {
        return buffers.size();
    }
}
