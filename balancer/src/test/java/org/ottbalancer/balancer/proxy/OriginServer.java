package org.ottbalancer.balancer.proxy;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in monolith: records what it receives and answers as the test tells it to. */
final class OriginServer implements AutoCloseable {
    /** What the origin saw: which of its connections (1-based) and which request on it (1-based). */
    record Received(int connection, int requestOnConnection, String method, String uri, HttpHeaders headers, String body) {
    }

    /** How the origin answers one request; it owns writing (or not writing) the response. */
    @FunctionalInterface
    interface Behaviour {
        void answer(ChannelHandlerContext ctx, Received request);
    }

    private final Channel serverChannel;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger accepted = new AtomicInteger();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Behaviour behaviour = reply(HttpResponseStatus.OK, "hello");

    OriginServer(EventLoopGroup group) throws InterruptedException {
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new RecordingHandler(accepted.incrementAndGet()));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    void behave(Behaviour next) {
        behaviour = next;
    }

    int connectionsAccepted() {
        return accepted.get();
    }

    int connectionsOpen() {
        return connections.size();
    }

    Received nextRequest() throws InterruptedException {
        Received next = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(next, "origin received no request within 5 s");
        return next;
    }

    int requestsWaiting() {
        return received.size();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        connections.close().syncUninterruptibly();
    }

    /** A complete response with Content-Length; {@code headers} are name/value pairs. */
    static Behaviour reply(HttpResponseStatus status, String body, String... headers) {
        return (ctx, request) -> {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            for (int i = 0; i < headers.length; i += 2) {
                response.headers().add(headers[i], headers[i + 1]);
            }
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response);
        };
    }

    /** A response with chunked transfer encoding, the body in two chunks. */
    static Behaviour replyChunked(String firstChunk, String secondChunk) {
        return (ctx, request) -> {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            ctx.write(head);
            ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer(firstChunk, StandardCharsets.UTF_8)));
            ctx.writeAndFlush(new DefaultLastHttpContent(Unpooled.copiedBuffer(secondChunk, StandardCharsets.UTF_8)));
        };
    }

    static Behaviour neverAnswer() {
        return (ctx, request) -> { };
    }

    static Behaviour closeWithoutAnswer() {
        return (ctx, request) -> ctx.close();
    }

    /** Answers the first request on each connection, closes the connection on any later one (a keep-alive close race). */
    static Behaviour answerFirstThenCloseOnReuse() {
        Behaviour ok = reply(HttpResponseStatus.OK, "fresh");
        return (ctx, request) -> {
            if (request.requestOnConnection() == 1) {
                ok.answer(ctx, request);
            } else {
                ctx.close();
            }
        };
    }

    private final class RecordingHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final int connection;
        private int requests;

        RecordingHandler(int connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            Received r = new Received(connection, ++requests, request.method().name(), request.uri(),
                    request.headers().copy(), request.content().toString(StandardCharsets.UTF_8));
            received.add(r);
            behaviour.answer(ctx, r);
        }
    }
}
