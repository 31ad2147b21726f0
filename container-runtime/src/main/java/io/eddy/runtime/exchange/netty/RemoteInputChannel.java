package io.eddy.runtime.exchange.netty;

import io.eddy.runtime.exchange.BufferPool;
import io.eddy.runtime.exchange.InputChannel;
import io.eddy.runtime.exchange.NetworkBuffer;
import io.eddy.runtime.exchange.NetworkBufferPool;
import io.eddy.runtime.exchange.NetworkOptions;
import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.exchange.ResultSubpartition;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel whose producer runs on another TaskManager. It requests the subpartition with one
 * credit per buffer of its own small pool; every arriving buffer is copied into a buffer of that
 * pool and queued in a local mirror subpartition, which the task's input gate reads like a local
 * one. When the task recycles a buffer, the credit goes back to the producer. So at most the
 * pool's capacity of buffers is ever in flight or queued for this channel, and a consumer that
 * stops reading stops its producer once the producer's own pool runs dry.
 *
 * <p>Failures (no connection, an error response, a lost connection, no acknowledgement of the
 * request within the request timeout) reach the task as an {@link IOException} from its input
 * gate, naming the partition and the producer's address, so the task fails and the job's restart
 * strategy takes over instead of the task waiting for ever.
 */
public final class RemoteInputChannel implements InputChannel {
    private final ResultPartitionId partitionId;
    private final int subpartition;
    private final InetSocketAddress producer;
    private final BufferPool pool;
    private final Duration answerTimeout;
    private final ResultSubpartition mirror = new ResultSubpartition();
    /** Credit freed by the task and not yet sent; batched so a burst of recycles sends one message. */
    private final AtomicInteger unannouncedCredit = new AtomicInteger();
    private final Runnable announceCredit = this::announceCredit;
    private volatile ClientConnection connection;
    /** Written before {@link #connection}, read after it. */
    private int receiverId;
    /** Fails the channel unless the server acknowledges the request; written before {@link #connection}. */
    private ScheduledFuture<?> unanswered;
    /** Next sequence number due; event loop only. */
    private int expectedSequence;
    private volatile boolean closed;

    /**
     * @param credits buffers reserved for this channel from {@code memory}, all granted to the producer up front
     * @param answerTimeout how long the producer's TaskManager may take to acknowledge the request
     */
    RemoteInputChannel(ResultPartitionId partitionId, int subpartition, InetSocketAddress producer,
            NetworkBufferPool memory, int credits, Duration answerTimeout, String owner) {
        this.partitionId = partitionId;
        this.subpartition = subpartition;
        this.producer = producer;
        this.answerTimeout = answerTimeout;
        this.pool = memory.createPool(owner + " input " + partitionId + "#" + subpartition, credits,
                this::onBufferRecycled);
    }

    /** Sends the partition request once {@code connecting} completes. */
    void request(CompletableFuture<ClientConnection> connecting) {
        connecting.whenComplete((c, e) -> {
            if (e != null) {
                fail("cannot connect (" + e.getMessage() + "): is the producer's TaskManager running, and is its "
                        + NetworkOptions.DATA_PORT.key() + " reachable from here?");
            } else {
                start(c);
            }
        });
    }

    private synchronized void start(ClientConnection c) {
        if (closed) {
            return;
        }
        // a peer that accepts connections but is not a TaskManager of this cluster never answers
        unanswered = c.channel().eventLoop().schedule(this::onUnanswered, answerTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        receiverId = c.register(this);
        connection = c;
        c.channel().writeAndFlush(ExchangeProtocol.partitionRequest(c.channel().alloc(), receiverId, partitionId,
                subpartition, pool.getCapacity()));
    }

    @Override
    public ResultSubpartition subpartition() {
        return mirror;
    }

    /** Sends the size to the producer; dropped while the request is not sent yet or after close. */
    @Override
    public int ownBuffersInUse() {
        return pool.inUse();
    }

    @Override
    public int ownBufferCapacity() {
        return pool.getCapacity();
    }

    @Override
    public void announceBufferSize(int bytes) {
        ClientConnection c = connection;
        if (c != null && !closed) {
            c.channel().writeAndFlush(ExchangeProtocol.bufferSize(c.channel().alloc(), receiverId, bytes));
        }
    }

    /** Buffers of this channel queued or being read by the task; never more than the credit. */
    public int buffersInUse() {
        return pool.inUse();
    }

    /** The server took the request; its buffers or an error follow. Runs on the event loop. */
    void onAccepted() {
        unanswered.cancel(false);
    }

    private void onUnanswered() {
        if (!closed) {
            String why = "the producer's TaskManager did not answer the partition request within "
                    + ExchangeEnvironment.format(answerTimeout) + ": is a TaskManager of this cluster listening at "
                    + address() + "? Another process may have taken its " + NetworkOptions.DATA_PORT.key()
                    + ", or a proxy or firewall swallows the connection";
            fail(why);
            connection.abandon(why);
        }
    }

    /**
     * A buffer response; {@code payload} holds its {@code size} bytes. An overtaking barrier is queued
     * behind what arrived before it: the reader records that as the checkpoint's input. Runs on the
     * event loop.
     */
    void onBuffer(int sequence, ByteBuf payload, int size, boolean overtaking) {
        if (closed) {
            return;
        }
        if (sequence != expectedSequence++) {
            fail("buffer " + sequence + " arrived where " + (expectedSequence - 1) + " was due");
            return;
        }
        NetworkBuffer buffer = pool.tryRequest();
        if (buffer == null) {
            fail("the producer sent more buffers than it had credit for");
            return;
        }
        if (size > buffer.capacity()) {
            buffer.recycle();
            fail("a buffer of " + size + " bytes is larger than the local buffers of " + buffer.capacity());
            return;
        }
        payload.readBytes(buffer.segment().array(), 0, size);
        buffer.setSize(size);
        if (overtaking) {
            buffer.markOvertaking();
        }
        mirror.add(buffer);
    }

    /** Ends the channel with an error the task sees once it has read what arrived before. */
    void fail(String message) {
        mirror.fail(new IOException("remote partition " + partitionId + "#" + subpartition + " at " + address()
                + " failed: " + message));
    }

    private String address() {
        return producer.getHostString() + ":" + producer.getPort();
    }

    /** Called by whoever recycles one of this channel's buffers, usually the task thread. */
    private void onBufferRecycled() {
        if (unannouncedCredit.getAndIncrement() == 0) {
            try {
                connection.channel().eventLoop().execute(announceCredit);
            } catch (RejectedExecutionException e) {
                // the TaskManager is shutting down; nobody waits for this credit any more
            }
        }
    }

    private void announceCredit() {
        int credit = unannouncedCredit.getAndSet(0);
        ClientConnection c = connection;
        if (credit > 0 && !closed) {
            c.channel().writeAndFlush(ExchangeProtocol.addCredit(c.channel().alloc(), receiverId, credit));
        }
    }

    /** Cancels the request and returns this channel's buffers to the TaskManager's network memory. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ClientConnection c = connection;
            if (c != null) {
                unanswered.cancel(false);
                c.unregister(receiverId);
                if (c.channel().isActive()) {
                    c.channel().writeAndFlush(ExchangeProtocol.cancelRequest(c.channel().alloc(), receiverId));
                }
            }
        }
        mirror.release();
        pool.destroy();
    }
}
