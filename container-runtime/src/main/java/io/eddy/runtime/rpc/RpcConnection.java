package io.eddy.runtime.rpc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One authenticated connection, the same on both sides: either end can ask, tell and handle
 * messages. A server hands the accepting side's connection to its handlers as the sender, so a
 * JobManager can later ask the TaskManager that registered over it. When the connection is lost,
 * pending asks fail at once; a connection is never reopened ({@link RpcClient} opens a new one).
 */
public final class RpcConnection implements RpcGateway {
    private static final Logger LOG = LoggerFactory.getLogger(RpcConnection.class);

    private final Channel channel;
    private final String peer;
    private final Dispatcher dispatcher;
    private final Executor inbox;
    private final Duration defaultTimeout;
    private final AtomicLong lastCorrelationId = new AtomicLong();
    private final Map<Long, PendingAsk> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile String closeReason;

    private record PendingAsk(CompletableFuture<Object> response, String requestClass) {}

    RpcConnection(Channel channel, String peer, Dispatcher dispatcher, Executor handlerPool, Duration defaultTimeout) {
        this.channel = channel;
        this.peer = peer;
        this.dispatcher = dispatcher;
        this.inbox = new SerialExecutor(handlerPool);
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public <R> CompletableFuture<R> ask(Object request) {
        return ask(request, defaultTimeout);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> ask(Object request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        String requestClass = request.getClass().getName();
        CompletableFuture<Object> response = new CompletableFuture<>();
        if (!channel.isActive()) {
            response.completeExceptionally(lost());
            return (CompletableFuture<R>) response;
        }
        long id = lastCorrelationId.incrementAndGet();
        pending.put(id, new PendingAsk(response, requestClass));
        ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> fail(id, new RpcException("ask " + requestClass
                + " to " + peer + " timed out after " + timeout.toMillis() + " ms", new TimeoutException())),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        response.whenComplete((r, e) -> timer.cancel(false));
        channel.writeAndFlush(new Frame(Frame.Type.REQUEST, id, request)).addListener(write -> {
            if (!write.isSuccess()) {
                fail(id, sendFailure(requestClass, write.cause()));
            }
        });
        return (CompletableFuture<R>) response;
    }

    @Override
    public CompletableFuture<Void> tell(Object message) {
        Objects.requireNonNull(message, "message");
        CompletableFuture<Void> written = new CompletableFuture<>();
        channel.writeAndFlush(new Frame(Frame.Type.TELL, 0, message)).addListener(write -> {
            if (write.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(sendFailure(message.getClass().getName(), write.cause()));
            }
        });
        return written;
    }

    @Override
    public String peer() {
        return peer;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Completes when the connection is closed, by either side or by a failure. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    public void close() {
        if (closeReason == null) {
            closeReason = "closed locally";
        }
        channel.close();
    }

    @Override
    public String toString() {
        return "RpcConnection(" + peer + (isOpen() ? ")" : ", closed)");
    }

    ChannelHandler inboundHandler() {
        return new Inbound();
    }

    private void fail(long id, RpcException failure) {
        PendingAsk ask = pending.remove(id);
        if (ask != null) {
            ask.response().completeExceptionally(failure);
        }
    }

    private RpcException lost() {
        return new RpcException("connection to " + peer + " lost" + (closeReason == null ? "" : " (" + closeReason + ")"));
    }

    private RpcException sendFailure(String messageClass, Throwable cause) {
        if (!channel.isActive()) {
            return lost();
        }
        String reason = cause.getCause() != null && cause.getMessage() == null ? cause.getCause().toString() : cause.getMessage();
        return new RpcException("cannot send " + messageClass + " to " + peer + ": " + reason, cause);
    }

    private void handle(Frame frame) {
        Object message = frame.payload();
        RpcHandler<Object> handler = message == null ? null : dispatcher.find(message.getClass());
        inbox.execute(() -> {
            if (handler == null) {
                reply(frame, null, new IllegalStateException("no handler registered for "
                        + (message == null ? "null" : message.getClass().getName())));
                return;
            }
            Object result;
            try {
                result = handler.handle(message, this);
            } catch (Throwable t) {
                reply(frame, null, t);
                return;
            }
            if (result instanceof CompletionStage<?> stage) {
                stage.whenComplete((value, failure) -> reply(frame, value, failure));
            } else {
                reply(frame, result, null);
            }
        });
    }

    private void reply(Frame request, Object result, Throwable failure) {
        String messageClass = request.payload() == null ? "null" : request.payload().getClass().getName();
        if (request.type() == Frame.Type.TELL) {
            if (failure != null) {
                LOG.warn("Handling {} told by {} failed", messageClass, peer, failure);
            }
            return;
        }
        if (failure == null) {
            channel.writeAndFlush(new Frame(Frame.Type.RESPONSE, request.correlationId(), result));
            return;
        }
        Throwable cause = unwrap(failure);
        LOG.debug("Handling {} asked by {} failed", messageClass, peer, cause);
        String message = cause.getMessage() == null ? "(no message)" : cause.getMessage();
        channel.writeAndFlush(new Frame(Frame.Type.ERROR, request.correlationId(),
                new Frame.RemoteFailure(cause.getClass().getName(), message)));
    }

    /** Decoding errors may quote the peer's bytes; keep them from forging log lines. */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private final class Inbound extends SimpleChannelInboundHandler<Frame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Frame frame) {
            switch (frame.type()) {
                case REQUEST, TELL -> handle(frame);
                case RESPONSE -> {
                    PendingAsk ask = pending.remove(frame.correlationId());
                    if (ask != null) {
                        ask.response().complete(frame.payload());
                    }
                }
                case ERROR -> {
                    PendingAsk ask = pending.remove(frame.correlationId());
                    if (ask != null) {
                        Frame.RemoteFailure failure = (Frame.RemoteFailure) frame.payload();
                        ask.response().completeExceptionally(RpcException.remote(failure.className(),
                                failure.message(), ask.requestClass(), peer));
                    }
                }
                default -> { } // handshake frames never get past FrameCodec
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (closeReason == null) {
                closeReason = printable(cause.getMessage() == null ? cause.toString() : cause.getMessage());
                LOG.warn("Closing RPC connection with {}: {}", peer, closeReason);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            RpcException lost = lost();
            for (Long id : pending.keySet()) {
                fail(id, lost);
            }
            closed.complete(null);
            ctx.fireChannelInactive();
        }
    }
}
