package org.ottbalancer.e2e.support;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A browser's WebSocket, as seen by the suites: text frames go to a listener, and the two ways a
 * server can end the connection (a Close frame, or the TCP connection ending) are recorded so a
 * test can say exactly which clients were disconnected. Many clients share one event loop group.
 */
public final class WsClient {
    private static final int MAX_FRAME_BYTES = 16 << 20;

    /** How the connection ended, if the server ended it. */
    public record Ending(String how, int closeCode, String reason, long atNanos) {
    }

    private final Channel channel;
    private final Handler handler;

    private WsClient(Channel channel, Handler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    /**
     * Connects to {@code ws://127.0.0.1:<port><path>} and completes once upgraded. Text frames
     * are passed to {@code onText} on the connection's event loop, in order.
     */
    public static CompletableFuture<WsClient> connect(EventLoopGroup group, int port, String path, Consumer<String> onText) {
        URI uri = URI.create("ws://127.0.0.1:" + port + path);
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), MAX_FRAME_BYTES);
        Handler handler = new Handler(handshaker, onText);
        CompletableFuture<WsClient> result = new CompletableFuture<>();
        ChannelFuture connect = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), handler);
                    }
                })
                .connect("127.0.0.1", port);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            }
        });
        handler.upgraded.whenComplete((v, err) -> {
            if (err != null) {
                result.completeExceptionally(err);
            } else {
                result.complete(new WsClient(connect.channel(), handler));
            }
        });
        return result;
    }

    public void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    /** The server's ending of this connection, or null while it is open (or we closed it). */
    public Ending ending() {
        return handler.ending;
    }

    /** Closes from our side with 1000; whatever happens afterwards is not counted as the server's doing. */
    public void close() {
        handler.closingByUs = true;
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "test done")).addListener(f -> channel.close());
        }
    }

    private static final class Handler extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker handshaker;
        private final Consumer<String> onText;
        final CompletableFuture<Void> upgraded = new CompletableFuture<>();
        volatile boolean closingByUs;
        volatile Ending ending;

        Handler(WebSocketClientHandshaker handshaker, Consumer<String> onText) {
            this.handshaker = handshaker;
            this.onText = onText;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!handshaker.isHandshakeComplete()) {
                if (msg instanceof FullHttpResponse res) {
                    try {
                        handshaker.finishHandshake(ctx.channel(), res);
                        ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME_BYTES));
                        upgraded.complete(null);
                    } catch (RuntimeException e) {
                        upgraded.completeExceptionally(new IllegalStateException(
                                "upgrade refused: " + res.status() + " " + res.content().toString(java.nio.charset.StandardCharsets.UTF_8)));
                        ctx.close();
                    }
                }
                return;
            }
            if (msg instanceof TextWebSocketFrame text) {
                onText.accept(text.text());
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                if (!closingByUs && ending == null) {
                    ending = new Ending("close frame", close.statusCode(), close.reasonText(), System.nanoTime());
                }
                ctx.close();
            } else if (msg instanceof WebSocketFrame) {
                // binary and pong frames carry nothing the suites look at
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!upgraded.isDone()) {
                upgraded.completeExceptionally(new IllegalStateException("connection ended before the upgrade"));
            }
            if (!closingByUs && ending == null) {
                ending = new Ending("EOF", -1, "", System.nanoTime());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!closingByUs && ending == null) {
                ending = new Ending("error", -1, cause.toString(), System.nanoTime());
            }
            ctx.close();
        }
    }
}
