package io.eddy.runtime.rpc;

/**
 * Handles one message class arriving over RPC. The result is the response to an ask: a value
 * (null allowed) or a {@link java.util.concurrent.CompletionStage} completing later. A thrown
 * exception, or a stage completing exceptionally, fails the caller's ask with an
 * {@link RpcException} naming it. For told messages the result is ignored.
 */
@FunctionalInterface
public interface RpcHandler<M> {
    Object handle(M message, RpcConnection sender) throws Exception;
}
