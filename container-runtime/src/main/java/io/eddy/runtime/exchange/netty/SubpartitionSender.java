package io.eddy.runtime.exchange.netty;

import io.eddy.runtime.exchange.DataAvailabilityListener;
import io.eddy.runtime.exchange.NetworkBuffer;
import io.eddy.runtime.exchange.ResultPartition;
import io.eddy.runtime.exchange.ResultSubpartition;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

import java.util.concurrent.RejectedExecutionException;

/**
 * Sends one subpartition to one remote consumer: a buffer whenever the subpartition has one, the
 * consumer has credit and the connection is writable. Buffers go out without copying and return
 * to the producer's pool once written to the socket, so the producer's pool counts them until then.
 *
 * <p>All methods but {@link #notifyDataAvailable} run on the connection's event loop.
 */
final class SubpartitionSender implements DataAvailabilityListener {
    private final PartitionRequestHandler handler;
    private final ChannelHandlerContext ctx;
    private final int receiver;
    private final Runnable sendTask = this::send;
    private ResultSubpartition subpartition;
    /** The partition {@link #subpartition} was opened on, which closes it; null while waiting. */
    private ResultPartition partition;
    private int credit;
    /** The consumer's latest buffer size, or 0; event loop only. */
    private int announcedBufferSize;
    private int sequence;
    private volatile boolean cancelled;

    SubpartitionSender(PartitionRequestHandler handler, ChannelHandlerContext ctx, int receiver, int initialCredit) {
        this.handler = handler;
        this.ctx = ctx;
        this.receiver = receiver;
        this.credit = initialCredit;
    }

    int receiver() {
        return receiver;
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    /** Whether the request still waits for its producer to register the partition. */
    boolean isWaiting() {
        return subpartition == null && !cancelled;
    }

    void attach(ResultPartition partition, int index) {
        if (cancelled) {
            return;
        }
        ResultSubpartition source = partition.openReader(index);
        this.partition = partition;
        subpartition = source;
        if (announcedBufferSize > 0) {
            source.announceBufferSize(announcedBufferSize);
        }
        source.subscribe(this, 0);
    }

    void addCredit(int n) {
        credit += n;
        send();
    }

    /** The consumer's buffer size; applies once the producer registered its partition. */
    void announceBufferSize(int bytes) {
        announcedBufferSize = bytes;
        if (subpartition != null) {
            subpartition.announceBufferSize(bytes);
        }
    }

    void cancel() {
        cancelled = true;
        if (partition != null) {
            partition.closeReader(subpartition);
        }
    }

    /** Called by the producer's thread once per burst of data, and on release. */
    @Override
    public void notifyDataAvailable(int channel) {
        if (cancelled) {
            return;
        }
        try {
            ctx.executor().execute(sendTask);
        } catch (RejectedExecutionException e) {
            // the server is shutting down; its consumers learn that from the closed connection
        }
    }

    void send() {
        if (cancelled || subpartition == null) {
            return;
        }
        if (subpartition.isReleased()) {
            handler.fail(this, "the producer released the partition: it failed or was cancelled");
            return;
        }
        boolean wrote = false;
        while (credit > 0 && ctx.channel().isWritable()) {
            NetworkBuffer buffer = subpartition.poll();
            if (buffer == null) {
                break;
            }
            credit--;
            ctx.write(ExchangeProtocol.bufferResponseHeader(ctx.alloc(), receiver, sequence++, buffer.size(),
                    buffer.isOvertaking()),
                    ctx.voidPromise());
            ctx.write(Unpooled.wrappedBuffer(buffer.segment().array(), 0, buffer.size()))
                    .addListener(f -> buffer.recycle());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }
}
