package io.eddy.runtime.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Mutual challenge-response authentication that must succeed before a connection carries any
 * message. Both sides contribute a nonce, and each proves the cluster secret with an HMAC over both
 * nonces and a role label, so that a proof can neither be replayed nor reflected back:
 *
 * <pre>
 * server -> client  CHALLENGE      serverNonce
 * client -> server  AUTH_RESPONSE  clientNonce, HMAC(secret, "client" | serverNonce | clientNonce)
 * server -> client  AUTH_PROOF     HMAC(secret, "server" | serverNonce | clientNonce)
 *                   (or AUTH_REJECTED and close)
 * </pre>
 *
 * Until then frames are limited to {@link #MAX_FRAME_SIZE} bytes and nothing is deserialized, so
 * an unauthenticated peer can neither make the process allocate much nor instantiate classes.
 */
final class Handshake extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(Handshake.class);

    static final int MAX_FRAME_SIZE = 256;
    private static final int NONCE_BYTES = 32;
    private static final int MAC_BYTES = 32;
    private static final byte[] CLIENT_LABEL = "eddy-rpc-client".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_LABEL = "eddy-rpc-server".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean server;
    private final ClusterSecret secret;
    private final Duration timeout;
    private final String peer;
    private final Supplier<RpcConnection> onAuthenticated;
    private final CompletableFuture<RpcConnection> result = new CompletableFuture<>();
    private final byte[] ownNonce = new byte[NONCE_BYTES];
    private byte[] serverNonce;
    private byte[] clientNonce;
    private ScheduledFuture<?> timer;

    /**
     * @param onAuthenticated called on the event loop once the peer is proven, after this handler
     *                        left the pipeline; sets the channel up for messages
     */
    Handshake(boolean server, ClusterSecret secret, Duration timeout, String peer,
              Supplier<RpcConnection> onAuthenticated) {
        this.server = server;
        this.secret = secret;
        this.timeout = timeout;
        this.peer = peer;
        this.onAuthenticated = onAuthenticated;
        RANDOM.nextBytes(ownNonce);
    }

    /** Completes with the connection once authenticated, or exceptionally with the reason it is not. */
    CompletableFuture<RpcConnection> result() {
        return result;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        String timedOut = server
                ? "no authentication within " + timeout.toMillis() + " ms"
                : "authentication with " + peer + " did not complete within " + timeout.toMillis()
                        + " ms; is it an Eddy RPC endpoint?";
        timer = ctx.executor().schedule(() -> fail(ctx, timedOut, false), timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (server) {
            serverNonce = ownNonce;
            send(ctx, Frame.Type.CHALLENGE, serverNonce);
        }
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (result.isDone()) {
            return;
        }
        Frame.Type type = frame.readableBytes() >= Frame.HEADER_BYTES ? Frame.Type.of(frame.readByte()) : null;
        if (type != null) {
            frame.skipBytes(8); // correlation id, unused here
        }
        byte[] body = ByteBufUtil.getBytes(frame);
        if (server && type == Frame.Type.AUTH_RESPONSE && body.length == NONCE_BYTES + MAC_BYTES) {
            clientNonce = Arrays.copyOfRange(body, 0, NONCE_BYTES);
            byte[] mac = Arrays.copyOfRange(body, NONCE_BYTES, body.length);
            if (!MessageDigest.isEqual(mac, secret.hmac(CLIENT_LABEL, serverNonce, clientNonce))) {
                send(ctx, Frame.Type.AUTH_REJECTED, new byte[0]);
                fail(ctx, "wrong cluster secret", true);
                return;
            }
            byte[] proof = secret.hmac(SERVER_LABEL, serverNonce, clientNonce);
            succeed(ctx);
            send(ctx, Frame.Type.AUTH_PROOF, proof);
        } else if (!server && type == Frame.Type.CHALLENGE && body.length == NONCE_BYTES && serverNonce == null) {
            serverNonce = body;
            clientNonce = ownNonce;
            byte[] response = new byte[NONCE_BYTES + MAC_BYTES];
            System.arraycopy(clientNonce, 0, response, 0, NONCE_BYTES);
            System.arraycopy(secret.hmac(CLIENT_LABEL, serverNonce, clientNonce), 0, response, NONCE_BYTES, MAC_BYTES);
            send(ctx, Frame.Type.AUTH_RESPONSE, response);
        } else if (!server && type == Frame.Type.AUTH_PROOF && clientNonce != null) {
            if (!MessageDigest.isEqual(body, secret.hmac(SERVER_LABEL, serverNonce, clientNonce))) {
                fail(ctx, "authentication failed: " + peer + " could not prove it knows the cluster secret; check "
                        + RpcOptions.CLUSTER_SECRET.key() + " on both sides", false);
                return;
            }
            succeed(ctx);
        } else if (!server && type == Frame.Type.AUTH_REJECTED) {
            fail(ctx, "authentication failed: " + peer + " rejected this process's cluster secret; check that "
                    + RpcOptions.CLUSTER_SECRET.key() + " (or " + RpcOptions.CLUSTER_SECRET_FILE.key()
                    + ") is the same for all processes of the cluster", false);
        } else {
            fail(ctx, "malformed handshake (unexpected frame of " + (body.length + Frame.HEADER_BYTES) + " bytes)", true);
        }
    }

    private void succeed(ChannelHandlerContext ctx) {
        timer.cancel(false);
        ctx.pipeline().remove(this);
        result.complete(onAuthenticated.get());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, "malformed handshake (" + cause.getMessage() + ")", true);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, "connection to " + peer + " closed during authentication", false);
        ctx.fireChannelInactive();
    }

    /** Closes the connection; a server logs why, a client reports it to whoever is connecting. */
    private void fail(ChannelHandlerContext ctx, String reason, boolean peerMisbehaved) {
        if (result.isDone()) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        if (server) {
            LOG.warn("Refused RPC connection from {}: {}", peer, reason);
        }
        result.completeExceptionally(new RpcException(server || !peerMisbehaved ? reason
                : "authentication with " + peer + " failed: " + reason));
        // an AUTH_REJECTED sent just before was written synchronously on this event loop and precedes the close
        ctx.close();
    }

    private static void send(ChannelHandlerContext ctx, Frame.Type type, byte[] body) {
        ByteBuf buf = ctx.alloc().buffer(Frame.HEADER_BYTES + body.length);
        buf.writeByte(type.code).writeLong(0).writeBytes(body);
        ctx.writeAndFlush(buf);
    }
}
