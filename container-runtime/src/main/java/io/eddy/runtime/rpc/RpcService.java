package io.eddy.runtime.rpc;

import io.eddy.api.config.Configuration;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The RPC machinery of one process: Netty event loops for all its connections, the pool running
 * message handlers (never the event loops, so a slow handler does not stall I/O), the cluster
 * secret and the settings from {@link RpcOptions}. A process creates one, starts a server on it
 * and/or opens clients to peers, and closes it on shutdown. All its threads are daemons named
 * after {@code name}.
 */
public final class RpcService implements AutoCloseable {
    private static final String FRAME_DECODER = "frame-decoder";

    private final ClusterSecret secret;
    private final ClassLoader classLoader;
    private final Duration askTimeout;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final int maxFrameSize;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final ExecutorService handlerPool;
    private final Map<InetSocketAddress, RpcClient> clients = new ConcurrentHashMap<>();

    /**
     * @param classLoader resolves the classes of incoming messages
     */
    public RpcService(String name, Configuration config, ClusterSecret secret, ClassLoader classLoader) {
        this.secret = secret;
        this.classLoader = classLoader;
        this.askTimeout = config.get(RpcOptions.ASK_TIMEOUT);
        this.connectTimeout = config.get(RpcOptions.CONNECT_TIMEOUT);
        this.handshakeTimeout = config.get(RpcOptions.HANDSHAKE_TIMEOUT);
        long frameSize = config.get(RpcOptions.MAX_FRAME_SIZE).getBytes();
        if (frameSize < 1024 || frameSize > Integer.MAX_VALUE - Frame.LENGTH_PREFIX_BYTES) {
            throw new IllegalArgumentException(RpcOptions.MAX_FRAME_SIZE.key() + " must be between 1 kb and 2 gb, not "
                    + config.get(RpcOptions.MAX_FRAME_SIZE));
        }
        this.maxFrameSize = (int) frameSize;
        this.acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-rpc-accept", true));
        this.workers = new NioEventLoopGroup(0, new DefaultThreadFactory(name + "-rpc-io", true));
        this.handlerPool = Executors.newFixedThreadPool(config.get(RpcOptions.HANDLER_THREADS),
                new DefaultThreadFactory(name + "-rpc-handler", true));
    }

    /** Listens on {@code host:port}; port 0 picks a free one, see {@link RpcServerthere too, since container-runtime's tests cannot depend on test-utils.getAddress()}. */
    public RpcServer startServer(String host, int port) {
        return RpcServer.start(this, new InetSocketAddress(host, port));
    }

    /**
     * The client for the peer at {@code host:port}; one per address, shared by all callers. It
     * connects on first use, see {@link RpcClient}.
     */
    public RpcClient client(String host, int port) {
        return client(new InetSocketAddress(host, port));
    }

    public RpcClient client(InetSocketAddress address) {
        return clients.computeIfAbsent(address, a -> new RpcClient(this, a));
    }

    void forget(RpcClient client) {
        clients.remove(client.address(), client);
    }

    /** Stops all servers and connections; pending asks fail as their connections close. */
    @Override
    public void close() {
        clients.values().forEach(RpcClient::close);
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        handlerPool.shutdown();
    }

    /** Opens and authenticates a connection; fails within the connect and handshake timeouts. */
    CompletableFuture<RpcConnection> connect(InetSocketAddress address, Dispatcher dispatcher) {
        String peer = hostAndPort(address);
        CompletableFuture<RpcConnection> connected = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(workers)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        initConnection(channel, false, peer, dispatcher).whenComplete((connection, failure) -> {
                            if (failure == null) {
                                connected.complete(connection);
                            } else {
                                connected.completeExceptionally(failure);
                            }
                        });
                    }
                });
        bootstrap.connect(address).addListener(attempt -> {
            if (!attempt.isSuccess()) {
                Throwable cause = attempt.cause();
                connected.completeExceptionally(new RpcException("cannot reach " + peer + " ("
                        + (cause.getMessage() == null ? cause.toString() : cause.getMessage()) + ")", cause));
            }
        });
        return connected;
    }

    /**
     * Sets up a new channel for the handshake; once it succeeds, for Kryo-encoded messages handled
     * by {@code dispatcher}.
     */
    CompletableFuture<RpcConnection> initConnection(Channel channel, boolean server, String peer, Dispatcher dispatcher) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(FRAME_DECODER, Frame.decoder(Handshake.MAX_FRAME_SIZE));
        pipeline.addLast(new LengthFieldPrepender(Frame.LENGTH_PREFIX_BYTES));
        Handshake handshake = new Handshake(server, secret, handshakeTimeout, peer, () -> {
            pipeline.replace(FRAME_DECODER, FRAME_DECODER, Frame.decoder(maxFrameSize));
            RpcConnection connection = new RpcConnection(channel, peer, dispatcher, handlerPool, askTimeout);
            pipeline.addLast(new FrameCodec(classLoader, maxFrameSize), connection.inboundHandler());
            return connection;
        });
        pipeline.addLast(handshake);
        return handshake.result();
    }

    EventLoopGroup acceptors() {
        return acceptors;
    }

    EventLoopGroup workers() {
        return workers;
    }

    static String hostAndPort(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
