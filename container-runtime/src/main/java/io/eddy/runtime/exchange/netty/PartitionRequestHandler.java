package io.eddy.runtime.exchange.netty;

import io.eddy.runtime.exchange.NetworkOptions;
import io.eddy.runtime.exchange.PartitionRegistry;
import io.eddy.runtime.exchange.ResultPartition;
import io.eddy.runtime.exchange.ResultPartitionId;
import io.eddy.runtime.exchange.netty.ExchangeProtocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server side of one consumer connection: acknowledges each partition request at once and
 * serves it with a {@link SubpartitionSender}, hands credits to them and cancels them. A request
 * for a partition that is not registered yet waits for the producer, without blocking the event
 * loop, until the request timeout, and is then answered with an error. Runs on the connection's event loop only, hence the plain map.
 */
final class PartitionRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionRequestHandler.class);

    private final PartitionRegistry registry;
    private final Duration requestTimeout;
    private final Map<Integer, SubpartitionSender> senders = new HashMap<>();

    PartitionRequestHandler(PartitionRegistry registry, Duration requestTimeout) {
        this.registry = registry;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws ProtocolException {
        ByteBuf frame = (ByteBuf) msg;
        try {
            byte type = ExchangeProtocol.readType(frame);
            int receiver = frame.readInt();
            switch (type) {
                case ExchangeProtocol.PARTITION_REQUEST -> {
                    ExchangeProtocol.expectBody(frame, 8 + 8 + 4 + 4 + 4);
                    request(ctx, receiver, ExchangeProtocol.readPartitionId(frame), frame.readInt(), frame.readInt());
                }
                case ExchangeProtocol.ADD_CREDIT -> {
                    ExchangeProtocol.expectBody(frame, 4);
                    int credit = frame.readInt();
                    SubpartitionSender sender = senders.get(receiver);
                    // a sender that just ended may still get credit the consumer sent meanwhile
                    if (sender != null && credit > 0) {
                        sender.addCredit(credit);
                    }
                }
                case ExchangeProtocol.BUFFER_SIZE -> {
                    ExchangeProtocol.expectBody(frame, 4);
                    int bytes = frame.readInt();
                    SubpartitionSender sender = senders.get(receiver);
                    if (sender != null && bytes > 0) {
                        sender.announceBufferSize(bytes);
                    }
                }
                case ExchangeProtocol.CANCEL_REQUEST -> {
                    ExchangeProtocol.expectBody(frame, 0);
                    SubpartitionSender sender = senders.remove(receiver);
                    if (sender != null) {
                        sender.cancel();
                    }
                }
                default -> throw new ProtocolException("unknown message type " + type + " from a consumer");
            }
        } finally {
            frame.release();
        }
    }

    private void request(ChannelHandlerContext ctx, int receiver, ResultPartitionId id, int subpartition, int credit)
            throws ProtocolException {
        if (senders.containsKey(receiver) || credit < 0 || subpartition < 0) {
            throw new ProtocolException("invalid request " + receiver + " for " + id + " #" + subpartition);
        }
        SubpartitionSender sender = new SubpartitionSender(this, ctx, receiver, credit);
        senders.put(receiver, sender);
        // answered at once, even while the partition is missing, so the consumer knows it reached a TaskManager
        ctx.writeAndFlush(ExchangeProtocol.requestAccepted(ctx.alloc(), receiver));
        ScheduledFuture<?> timeout = ctx.executor().schedule(() -> {
            if (sender.isWaiting()) {
                registry.forgetPending(id);
                fail(sender, "this TaskManager has no partition " + id + ": its producer did not register it within "
                        + ExchangeEnvironment.format(requestTimeout) + " (the producer failed or was cancelled before "
                        + "it started, or runs on another TaskManager; if producers start slowly, raise "
                        + NetworkOptions.REQUEST_TIMEOUT.key() + ")");
            }
        }, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        registry.lookup(id).thenAccept(partition -> ctx.executor().execute(() -> {
            timeout.cancel(false);
            attach(sender, partition, subpartition);
        }));
    }

    private void attach(SubpartitionSender sender, ResultPartition partition, int subpartition) {
        if (!sender.isWaiting()) {
            return;
        }
        if (subpartition >= partition.getNumberOfSubpartitions()) {
            fail(sender, "partition " + partition.getId() + " has no subpartition " + subpartition);
            return;
        }
        try {
            sender.attach(partition, subpartition);
        } catch (RuntimeException e) { // a blocking partition released meanwhile, or its file gone
            fail(sender, "cannot read partition " + partition.getId() + ": " + e.getMessage());
        }
    }

    /** Ends a request with an error response; called on the event loop. */
    void fail(SubpartitionSender sender, String message) {
        senders.remove(sender.receiver());
        sender.cancel();
        sender.context().writeAndFlush(ExchangeProtocol.errorResponse(sender.context().alloc(), sender.receiver(),
                message));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            senders.values().forEach(SubpartitionSender::send);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        senders.values().forEach(SubpartitionSender::cancel);
        senders.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Closing data connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
