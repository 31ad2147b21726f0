package io.eddy.runtime.exchange;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The input side of a consuming task: all channels it reads, from any number of producers, and a
 * FIFO of the channels that have data, so the task serves channels fairly and never scans idle
 * ones. Producers announce data through {@link #notifyDataAvailable}; a task that found nothing
 * waits on {@link #getAvailableFuture()}, which the next announcement completes.
 *
 * <p>{@link #pollNext()}, {@link #lastChannel()} and {@link #getAvailableFuture()} are for the
 * consuming task's thread only; {@link #notifyDataAvailable} is called by producer threads.
 */
public final class InputGate implements DataAvailabilityListener {
    private final ResultSubpartition[] channels;
    private final int[] ring;
    private final boolean[] queued;
    /** Channels held back by checkpoint alignment: not served until unblocked. */
    private final boolean[] blocked;
    /** Blocked channels that had data: queued again when unblocked. */
    private final boolean[] parked;
    private int head;
    private int count;
    private volatile boolean available;
    /** Completed by the next enqueue; not null only while the consumer waits for it (guarded by this). */
    private CompletableFuture<Void> availability;
    private int lastChannel = -1;
    /** Buffers an unaligned checkpoint stored of each channel, served before its own; null when none. */
    private ArrayDeque<NetworkBuffer>[] restored;

    public InputGate(ResultSubpartition[] channels) {
        this.channels = channels;
        this.ring = new int[channels.length];
        this.queued = new boolean[channels.length];
        this.blocked = new boolean[channels.length];
        this.parked = new boolean[channels.length];
    }

    /**
     * Before {@link #start()}: puts the buffers an unaligned checkpoint stored of {@code channel}
     * (what this task had not processed of it) ahead of the channel's own data.
     */
    @SuppressWarnings("unchecked")
    public void restoreChannelState(int channel, List<byte[]> buffers) {
        if (buffers.isEmpty()) {
            return;
        }
        if (restored == null) {
            restored = new ArrayDeque[channels.length];
        }
        restored[channel] = new ArrayDeque<>();
        for (byte[] bytes : buffers) {
            restored[channel].add(NetworkBuffer.event(bytes, bytes.length));
        }
        enqueue(channel);
    }

    /** Connects the channels: their data is announced to this gate from now on. */
    public void start() {
        for (int i = 0; i < channels.length; i++) {
            channels[i].subscribe(this, i);
        }
    }

    public int getNumberOfChannels() {
        return channels.length;
    }

    @Override
    public void notifyDataAvailable(int channel) {
        enqueue(channel);
    }

    private void enqueue(int channel) {
        CompletableFuture<Void> waiter;
        synchronized (this) {
            if (queued[channel]) {
                return;
            }
            if (blocked[channel]) {
                parked[channel] = true;
                return;
            }
            queued[channel] = true;
            ring[(head + count) % ring.length] = channel;
            count++;
            available = true;
            waiter = availability;
            availability = null;
        }
        if (waiter != null) {
            waiter.complete(null); // outside the lock: it puts a mail into the consumer's mailbox
        }
    }

    /**
     * Null while a channel has data, else a future that completes when one announces data (or
     * fails). The consuming task suspends its input on it.
     */
    public CompletableFuture<Void> getAvailableFuture() {
        synchronized (this) {
            if (count > 0) {
                return null;
            }
            if (availability == null) {
                availability = new CompletableFuture<>();
            }
            return availability;
        }
    }

    /** Whether a channel has data; a cheap volatile read for the task's wait loop. */
    public boolean isAvailable() {
        return available;
    }

    /**
     * The next buffer from a channel with data, or null; the caller owns and must recycle it.
     *
     * @throws IOException when a channel failed (only remote channels do) and has no data left
     */
    public NetworkBuffer pollNext() throws IOException {
        while (true) {
            int channel;
            synchronized (this) {
                if (count == 0) {
                    available = false;
                    return null;
                }
                channel = ring[head];
                head = (head + 1) % ring.length;
                count--;
                queued[channel] = false;
                if (count == 0) {
                    available = false;
                }
                if (blocked[channel]) {
                    parked[channel] = true;
                    continue;
                }
            }
            ResultSubpartition source = channels[channel];
            NetworkBuffer buffer;
            boolean more;
            if (restored != null && restored[channel] != null && !restored[channel].isEmpty()) {
                buffer = restored[channel].poll();
                more = true; // the rest of the restored buffers, else a look at the channel itself
            } else {
                buffer = source.poll();
                more = source.moreAvailable();
            }
            if (more) {
                enqueue(channel);
            }
            if (buffer != null) {
                lastChannel = channel;
                return buffer;
            }
            Throwable failure = source.failure();
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
        }
    }

    /** Stops serving {@code channel} until {@link #unblock}; its data stays in the channel. */
    public void block(int channel) {
        synchronized (this) {
            blocked[channel] = true;
        }
    }

    /** Serves {@code channel} again, queueing it if data arrived while it was blocked. */
    public void unblock(int channel) {
        synchronized (this) {
            blocked[channel] = false;
            if (!parked[channel]) {
                return;
            }
            parked[channel] = false;
        }
        enqueue(channel);
    }

    /** The channel of the buffer last returned by {@link #pollNext()}. */
    public int lastChannel() {
        return lastChannel;
    }
}
