package io.eddy.runtime.rpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Talks to one peer over a single connection, opened on first use and reopened by the next call
 * after it was lost. Messages the peer sends over this connection go to the handlers registered
 * here, e.g. a TaskManager's handlers for the JobManager's commands.
 */
public final class RpcClient implements RpcGateway, AutoCloseable {
    private final RpcService service;
    private final InetSocketAddress address;
    private final Dispatcher dispatcher = new Dispatcher();
    private CompletableFuture<RpcConnection> connection; // guarded by this
    private boolean connecting; // guarded by this
    // sends issued while connecting, released in order once connected; a completion stage would
    // run them in reverse
    private final List<Runnable> waiting = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    RpcClient(RpcService service, InetSocketAddress address) {
        this.service = service;
        this.address = address;
    }

    /** Handles messages of {@code type} sent by the peer over this client's connection. */
    public <M> RpcClient register(Class<M> type, RpcHandler<? super M> handler) {
        dispatcher.register(type, handler);
        return this;
    }

    /**
     * The open connection, or a new one once connected and authenticated. Fails with an
     * {@link RpcException} if the peer cannot be reached or authenticated.
     */
    public synchronized CompletableFuture<RpcConnection> connect() {
        if (closed) {
            return CompletableFuture.failedFuture(new RpcException("RPC client for " + peer() + " is closed"));
        }
        if (connection == null || isDead(connection)) {
            CompletableFuture<RpcConnection> opening = service.connect(address, dispatcher);
            connection = opening;
            connecting = true;
            opening.whenComplete((c, failure) -> releaseWaiting(opening));
        }
        return connection;
    }

    private synchronized void releaseWaiting(CompletableFuture<RpcConnection> opened) {
        if (opened != connection) {
            return;
        }
        connecting = false;
        // under the lock, so that no later send overtakes them; sends only enqueue writes
        waiting.forEach(Runnable::run);
        waiting.clear();
    }

    /** Runs {@code action} on the connection; sends from one thread are written in order. */
    private synchronized <T> CompletableFuture<T> send(Function<RpcConnection, CompletableFuture<T>> action) {
        CompletableFuture<RpcConnection> current = connect();
        if (!connecting) {
            return current.thenCompose(action);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.add(() -> current.thenCompose(action).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
            }
        }));
        return result;
    }

    private static boolean isDead(CompletableFuture<RpcConnection> connection) {
        return connection.isCompletedExceptionally() || (connection.isDone() && !connection.join().isOpen());
    }

    @Override
    public <R> CompletableFuture<R> ask(Object request, Duration timeout) {
        return send(c -> c.ask(request, timeout));
    }

    @Override
    public <R> CompletableFuture<R> ask(Object request) {
        return send(c -> c.ask(request));
    }

    @Override
    public CompletableFuture<Void> tell(Object message) {
        return send(c -> c.tell(message));
    }

    @Override
    public String peer() {
        return RpcService.hostAndPort(address);
    }

    InetSocketAddress address() {
        return address;
    }

    /** Closes the connection; this client cannot be used afterwards, {@link RpcServicethere too, since container-runtime's tests cannot depend on test-utils.client} makes a new one. */
    @Override
    public void close() {
        CompletableFuture<RpcConnection> last;
        synchronized (this) {
            closed = true;
            last = connection;
        }
        service.forget(this);
        if (last != null) {
            last.thenAccept(RpcConnection::close);
        }
    }
}
