package io.eddy.runtime.exchange.netty;

import io.eddy.runtime.exchange.netty.ExchangeProtocol.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection from this TaskManager to another one's {@link PartitionServer}, carrying the
 * requests of many {@link RemoteInputChannel}s, told apart by receiver id. Responses are routed to
 * their channel; when the connection breaks, every channel on it fails.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
    private final PartitionClient client;
    private final Channel channel;
    private final InetSocketAddress address;
    private final Map<Integer, RemoteInputChannel> receivers = new ConcurrentHashMap<>();
    private final AtomicInteger nextReceiver = new AtomicInteger();
    private volatile Throwable cause;
    /** Set when this side gave the connection up; its channels then fail with exactly this reason. */
    private volatile String abandonedBecause;

    ClientConnection(PartitionClient client, Channel channel, InetSocketAddress address) {
        this.client = client;
        this.channel = channel;
        this.address = address;
    }

    Channel channel() {
        return channel;
    }

    /** Routes responses for a new receiver id to {@code receiver}; returns the id. */
    int register(RemoteInputChannel receiver) {
        int id = nextReceiver.getAndIncrement();
        receivers.put(id, receiver);
        if (!channel.isActive()) {
            // closed between connecting and now: channelInactive may already have run
            receivers.remove(id);
            receiver.fail(endedBecause("the connection closed"));
        }
        return id;
    }

    void unregister(int id) {
        receivers.remove(id);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws ProtocolException {
        ByteBuf frame = (ByteBuf) msg;
        try {
            byte type = ExchangeProtocol.readType(frame);
            RemoteInputChannel receiver = receivers.get(frame.readInt());
            switch (type) {
                case ExchangeProtocol.BUFFER_RESPONSE -> {
                    if (frame.readableBytes() < 9) {
                        throw new ProtocolException("truncated buffer response");
                    }
                    int sequence = frame.readInt();
                    int size = frame.readInt();
                    boolean overtaking = frame.readByte() == 1;
                    ExchangeProtocol.expectBody(frame, size);
                    // a receiver that just closed may still get what was under way
                    if (receiver != null) {
                        receiver.onBuffer(sequence, frame, size, overtaking);
                    }
                }
                case ExchangeProtocol.REQUEST_ACCEPTED -> {
                    ExchangeProtocol.expectBody(frame, 0);
                    if (receiver != null) {
                        receiver.onAccepted();
                    }
                }
                case ExchangeProtocol.ERROR_RESPONSE -> {
                    String message = ExchangeProtocol.readErrorMessage(frame);
                    if (receiver != null) {
                        receiver.fail(message);
                    }
                }
                default -> throw new ProtocolException("unknown message type " + type + " from a producer");
            }
        } finally {
            frame.release();
        }
    }

    /**
     * Gives up the connection: its peer did not answer a request in time. Every channel on it fails
     * with {@code why}, and the next channel to that address connects anew instead of waiting out
     * its own timeout on the same silent peer.
     */
    void abandon(String why) {
        abandonedBecause = why;
        channel.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
        cause = t;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.forget(address, this);
        String message = endedBecause("the connection was lost");
        receivers.values().forEach(r -> r.fail(message));
        receivers.clear();
    }

    private String endedBecause(String ending) {
        String abandoned = abandonedBecause;
        if (abandoned != null) {
            // whichever channel's timeout fired first, every channel on it names the same reason
            return abandoned;
        }
        Throwable t = cause;
        return t == null ? ending : ending + ": " + t;
    }
}
