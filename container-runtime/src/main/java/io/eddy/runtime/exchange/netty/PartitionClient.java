package io.eddy.runtime.exchange.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The consumer side's connections to other TaskManagers' {@link PartitionServer}s: one per
 * address, shared by all {@link RemoteInputChannel}s that read from there. A lost connection is
 * forgotten, so later channels connect anew.
 *
 * <p>Thread-safe.
 */
public final class PartitionClient implements AutoCloseable {
    private final EventLoopGroup group = new NioEventLoopGroup(0, new DefaultThreadFactory("eddy-partition-client", true));
    private final Bootstrap bootstrap;
    private final int maxFrame;
    private final ConcurrentHashMap<InetSocketAddress, CompletableFuture<ClientConnection>> connections =
            new ConcurrentHashMap<>();

    /** @param segmentSize the largest buffer producers send; larger frames are treated as corrupt */
    public PartitionClient(int segmentSize, Duration connectTimeout) {
        this.maxFrame = ExchangeProtocol.maxResponseFrame(segmentSize);
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    }

    /** The connection to {@code address}, shared; connecting if there is none. */
    CompletableFuture<ClientConnection> connection(InetSocketAddress address) {
        CompletableFuture<ClientConnection> existing = connections.get(address);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<ClientConnection> created = new CompletableFuture<>();
        existing = connections.putIfAbsent(address, created);
        if (existing != null) {
            return existing;
        }
        bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(ExchangeProtocol.frameDecoder(maxFrame),
                        new ClientConnection(PartitionClient.this, ch, address));
            }
        }).connect(address).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                created.complete(f.channel().pipeline().get(ClientConnection.class));
            } else {
                connections.remove(address, created);
                created.completeExceptionally(f.cause());
            }
        });
        return created;
    }

    /** Drops a closed connection from the cache. */
    void forget(InetSocketAddress address, ClientConnection connection) {
        connections.computeIfPresent(address, (a, f) -> f.getNow(null) == connection ? null : f);
    }

    /** Number of open connections; for tests. */
    int connectionCount() {
        return connections.size();
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
