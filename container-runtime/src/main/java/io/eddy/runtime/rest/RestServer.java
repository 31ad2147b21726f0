package io.eddy.runtime.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * JSON over HTTP on Netty. Routes are patterns like {@code /jobs/:jobId/cancel}; handlers run on a
 * small worker pool, not on the I/O thread, so a slow handler does not stall other connections.
 * Every error, including unknown routes, malformed requests and oversized bodies, is answered as
 * {@code {"error": "..."}} with a fitting status. A handler answering a {@link RestResponse} (a
 * page, a log) has its bytes written as they are.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private record Route(String method, String[] segments, RestHandler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final int maxBodyBytes;
    private EventLoopGroup group;
    private ExecutorService workers;
    private Channel channel;

    /** @param maxBodyBytes the largest request body accepted (e.g. an uploaded jar) */
    public RestServer(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Adds a route; call before {@link #start}. */
    public RestServer route(String method, String pattern, RestHandler handler) {
        routes.add(new Route(method, split(pattern), handler));
        return this;
    }

    public synchronized InetSocketAddress start(String host, int port) throws InterruptedException {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("eddy-rest-io", true));
        workers = Executors.newFixedThreadPool(2, new DefaultThreadFactory("eddy-rest-worker", true));
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(maxBodyBytes),
                                new Dispatcher());
                    }
                })
                .bind(host, port).sync().channel();
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        LOG.info("REST API listening on http://{}:{}", address.getHostString(), address.getPort());
        return address;
    }

    public synchronized InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
            workers.shutdownNow();
            channel = null;
        }
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }

    /** Finds the route for a request; 404 for an unknown path, 405 for a known path with another method. */
    private Object dispatch(FullHttpRequest http, byte[] body) throws Exception {
        QueryStringDecoder uri = new QueryStringDecoder(http.uri());
        String[] segments = split(uri.path());
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> parameters = match(route.segments(), segments);
            if (parameters == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(http.method().name())) {
                return route.handler().handle(new RestRequest(http.method().name(), uri.path(), parameters,
                        uri.parameters(), body));
            }
        }
        if (pathKnown) {
            throw new RestException(405, "Method " + http.method() + " is not allowed on " + uri.path());
        }
        throw RestException.notFound("No such resource: " + uri.path());
    }

    private static Map<String, String> match(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith(":")) {
                parameters.put(pattern[i].substring(1), QueryStringDecoder.decodeComponent(segments[i]));
            } else if (!pattern[i].equals(segments[i])) {
                return null;
            }
        }
        return parameters;
    }

    private final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (!request.decoderResult().isSuccess()) {
                respond(ctx, false, 400, error("Malformed HTTP request"));
                return;
            }
            byte[] body = new byte[request.content().readableBytes()];
            request.content().readBytes(body);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            FullHttpRequest copy = request.replace(Unpooled.EMPTY_BUFFER);
            workers.execute(() -> {
                int status = 200;
                Object result;
                try {
                    result = dispatch(copy, body);
                    if (result == null) {
                        status = 204;
                    }
                } catch (RestException e) {
                    status = e.status();
                    result = error(e.getMessage());
                } catch (Exception e) {
                    LOG.warn("REST request {} {} failed", copy.method(), copy.uri(), e);
                    status = 500;
                    result = error("Internal error: " + e);
                }
                respond(ctx, keepAlive, status, result);
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                respond(ctx, false, 413, error("Request too large: at most " + maxBodyBytes + " bytes"));
            } else {
                LOG.debug("REST connection from {} failed", ctx.channel().remoteAddress(), cause);
                ctx.close();
            }
        }
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private static void respond(ChannelHandlerContext ctx, boolean keepAlive, int status, Object body) {
        if (body instanceof RestResponse raw) {
            write(ctx, keepAlive, raw.status(), raw.contentType(), raw.body(), raw.headers());
            return;
        }
        byte[] json;
        try {
            json = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            status = 500;
            json = ("{\"error\":\"Cannot write the response as JSON\"}").getBytes(StandardCharsets.UTF_8);
        }
        write(ctx, keepAlive, status, "application/json; charset=utf-8", json, Map.of());
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, int status, String contentType, byte[] bytes,
            Map<String, String> headers) {
        ByteBuf content = Unpooled.wrappedBuffer(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.forEach((name, value) -> response.headers().set(name, value));
        HttpUtil.setContentLength(response, bytes.length);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
