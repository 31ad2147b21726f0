package io.eddy.runtime.rpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts connections from peers that prove the cluster secret and dispatches their messages to
 * the handlers registered here. Handlers receive the sender's {@link RpcConnection}, over which the
 * server can ask the peer in turn.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

    private final Channel serverChannel;
    private final Dispatcher dispatcher;
    private final Set<RpcConnection> connections;

    private RpcServer(Channel serverChannel, Dispatcher dispatcher, Set<RpcConnection> connections) {
        this.serverChannel = serverChannel;
        this.dispatcher = dispatcher;
        this.connections = connections;
    }

    static RpcServer start(RpcService service, InetSocketAddress bindAddress) {
        Dispatcher dispatcher = new Dispatcher();
        Set<RpcConnection> connections = ConcurrentHashMap.newKeySet();
        ChannelFuture bind = new ServerBootstrap()
                .group(service.acceptors(), service.workers())
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        String peer = RpcService.hostAndPort(channel.remoteAddress());
                        service.initConnection(channel, true, peer, dispatcher).thenAccept(connection -> {
                            connections.add(connection);
                            connection.closeFuture().thenRun(() -> connections.remove(connection));
                        });
                    }
                })
                .bind(bindAddress)
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new RpcException("cannot listen on " + RpcService.hostAndPort(bindAddress) + " ("
                    + bind.cause().getMessage() + ")", bind.cause());
        }
        RpcServer server = new RpcServer(bind.channel(), dispatcher, connections);
        LOG.info("RPC server listening on {}", RpcService.hostAndPort(server.getAddress()));
        return server;
    }

    /** Handles messages of {@code type} (and its subtypes without a handler of their own). */
    public <M> RpcServer register(Class<M> type, RpcHandler<? super M> handler) {
        dispatcher.register(type, handler);
        return this;
    }

    /** The bound address, with the actual port if 0 was asked for. */
    public InetSocketAddress getAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The authenticated connections currently open. */
    public Collection<RpcConnection> connections() {
        return Collections.unmodifiableSet(connections);
    }

    /** Stops accepting and closes all connections. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        connections.forEach(RpcConnection::close);
    }
}
