package io.eddy.runtime.rpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Sends messages to one peer. */
public interface RpcGateway {

    /**
     * Sends {@code request} and completes with the peer handler's response, or exceptionally with
     * an {@link RpcException} (timeout, connection lost, remote failure).
     */
    <R> CompletableFuture<R> ask(Object request, Duration timeout);

    /** {@link #ask(Object, Duration)} with the configured {@code rpc.ask-timeout}. */
    <R> CompletableFuture<R> ask(Object request);

    /** Sends {@code message} without a response; completes when it has been written to the socket. */
    CompletableFuture<Void> tell(Object message);

    /** Address of the peer, as {@code host:port}. */
    String peer();
}
