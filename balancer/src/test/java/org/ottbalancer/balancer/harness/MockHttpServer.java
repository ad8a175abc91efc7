package org.ottbalancer.balancer.harness;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP side of a mock monolith: the port it announces in {@code init}, where the balancer proxies
 * requests. Records every request and answers with a replaceable responder.
 */
final class MockHttpServer implements AutoCloseable {
    private final Channel serverChannel;
    private final Inbox<RecordedRequest> requests = new Inbox<>();
    private final List<RecordedRequest> history = new ArrayList<>();
    private volatile Function<RecordedRequest, HttpReply> responder;

    MockHttpServer(Function<RecordedRequest, HttpReply> initialResponder) {
        this.responder = initialResponder;
        this.serverChannel = new ServerBootstrap()
                .group(HarnessEventLoop.group())
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 << 20), new RequestHandler());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    void respondWith(Function<RecordedRequest, HttpReply> newResponder) {
        this.responder = newResponder;
    }

    RecordedRequest awaitRequest(Duration timeout) {
        return requests.take(r -> r, timeout);
    }

    List<RecordedRequest> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue()));
            RecordedRequest recorded = new RecordedRequest(request.method().name(), request.uri(), headers,
                    request.content().toString(StandardCharsets.UTF_8));
            synchronized (history) {
                history.add(recorded);
            }
            requests.add(recorded);
            HttpReply reply = responder.apply(recorded);
            if (!reply.answers()) {
                return;
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(body));
            reply.headers().forEach((name, value) -> response.headers().set(name, value));
            HttpUtil.setContentLength(response, body.length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            if (!keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, "close");
            }
            if (reply.delay().isZero()) {
                send(ctx, response, keepAlive);
            } else {
                ctx.executor().schedule(() -> send(ctx, response, keepAlive), reply.delay().toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(f -> ctx.close());
            }
        }
    }
}
