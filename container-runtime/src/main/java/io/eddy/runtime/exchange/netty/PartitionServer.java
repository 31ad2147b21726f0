package io.eddy.runtime.exchange.netty;

import io.eddy.runtime.exchange.PartitionRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Serves the result partitions of one TaskManager to consumers on other TaskManagers. Each
 * connection gets a {@link PartitionRequestHandler}; sending happens on the connection's event
 * loop, only against credit the consumer granted, so the memory a slow consumer can make the
 * producer side hold is bounded by its credit.
 *
 * <p>Thread-safe.
 */
public final class PartitionServer implements AutoCloseable {
    private final PartitionRegistry registry;
    private final Duration requestTimeout;
    private EventLoopGroup group;
    private Channel serverChannel;

    /** @param requestTimeout how long a request waits for its producer to register the partition */
    public PartitionServer(PartitionRegistry registry, Duration requestTimeout) {
        this.registry = registry;
        this.requestTimeout = requestTimeout;
    }

    /** Binds to {@code host:port} ({@code port} 0 picks a free one) and returns the bound address. */
    public synchronized InetSocketAddress start(String host, int port) throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("The partition server is already running");
        }
        group = new NioEventLoopGroup(0, new DefaultThreadFactory("eddy-partition-server", true));
        try {
            serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(ExchangeProtocol.frameDecoder(ExchangeProtocol.MAX_CONTROL_FRAME),
                                    new PartitionRequestHandler(registry, requestTimeout));
                        }
                    })
                    .bind(host, port).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            group = null;
            throw e;
        }
        return getAddress();
    }

    /** Where consumers connect; null before {@link #start}. */
    public synchronized InetSocketAddress getAddress() {
        return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
    }

    /** Closes the port and every connection; consumers see their connections fail. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            serverChannel = null;
            group = null;
        }
    }
}
