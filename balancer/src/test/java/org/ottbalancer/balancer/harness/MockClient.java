package org.ottbalancer.balancer.harness;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ottbalancer.protocol.ProtocolCodec;

/**
 * A browser stand-in: one WebSocket to the balancer. Built on Netty rather than
 * {@code java.net.http.WebSocket} so tests can see close codes and reasons exactly, send frames a
 * browser never would, and stop reading to play a stalled client.
 */
public final class MockClient implements AutoCloseable {
    private static final int MAX_FRAME_BYTES = 64 << 20;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Channel channel;
    private final Inbox<String> texts;
    private final Inbox<byte[]> pongs;
    private final CompletableFuture<CloseStatus> closed;
    private final AtomicInteger closeFramesReceived;

    private MockClient(Channel channel, FrameHandler handler) {
        this.channel = channel;
        this.texts = handler.texts;
        this.pongs = handler.pongs;
        this.closed = handler.closed;
        this.closeFramesReceived = handler.closeFramesReceived;
    }

    /** Starts describing a connection to {@code host} (an IP literal; IPv6 in brackets) and {@code port}. */
    public static Builder to(String host, int port) {
        return new Builder(host, port);
    }

    /** A connection to {@code ws://127.0.0.1:<port>/api/room/<room>}. */
    public static MockClient connect(int port, String room) {
        return to("127.0.0.1", port).room(room).connect();
    }

    /** Describes a connection before making it. */
    public static final class Builder {
        private final String host;
        private final int port;
        private String path = "/";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private int receiveBufferBytes;
        private Duration timeout = Duration.ofSeconds(5);

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        public Builder room(String room) {
            this.path = "/api/room/" + room;
            return this;
        }

        /** The request path and query, verbatim. */
        public Builder path(String requestPath) {
            this.path = requestPath;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A small socket receive buffer makes a stalled client fill up quickly. */
        public Builder receiveBuffer(int bytes) {
            this.receiveBufferBytes = bytes;
            return this;
        }

        public Builder timeout(Duration connectTimeout) {
            this.timeout = connectTimeout;
            return this;
        }

        /**
         * Connects and upgrades.
         *
         * @throws UpgradeRejectedException when the server answers without upgrading
         */
        public MockClient connect() {
            URI uri = URI.create("ws://" + host + ":" + port + path);
            HttpHeaders extra = new DefaultHttpHeaders();
            headers.forEach(extra::add);
            WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                    uri, WebSocketVersion.V13, null, false, extra, MAX_FRAME_BYTES);
            FrameHandler handler = new FrameHandler(handshaker);
            Bootstrap bootstrap = new Bootstrap()
                    .group(HarnessEventLoop.group())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), handler);
                        }
                    });
            if (receiveBufferBytes > 0) {
                bootstrap.option(ChannelOption.SO_RCVBUF, receiveBufferBytes);
            }
            String connectHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            ChannelFuture connected = bootstrap.connect(connectHost, port).awaitUninterruptibly();
            if (!connected.isSuccess()) {
                throw new AssertionError("cannot connect to " + uri, connected.cause());
            }
            Channel channel = connected.channel();
            try {
                handler.handshakeDone.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                channel.close();
                if (e.getCause() instanceof UpgradeRejectedException rejected) {
                    throw rejected;
                }
                throw new AssertionError("WebSocket handshake with " + uri + " failed", e.getCause());
            } catch (TimeoutException e) {
                channel.close();
                throw new AssertionError("WebSocket handshake with " + uri + " did not finish within " + timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return new MockClient(channel, handler);
        }
    }

    // ------------------------------------------------------------------ sending

    /** Sends the first frame a browser sends: {@code {"action":"auth","token":...}}. */
    public void auth(String token) {
        sendText(ProtocolCodec.text(ProtocolCodec.encodeAuth(token)));
    }

    public void sendText(String text) {
        write(new TextWebSocketFrame(text));
    }

    public void sendBinary(byte[] bytes) {
        write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    public void ping(byte[] payload) {
        write(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    }

    /** A text frame with RSV2 and RSV3 set although no extension was negotiated: a protocol violation. */
    public void sendFrameWithReservedBits(String text) {
        write(new TextWebSocketFrame(true, 0b011, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    }

    /** Sends a Close frame (the balancer should answer and end the connection). */
    public void sendClose(int code, String reason) {
        write(new CloseWebSocketFrame(code, reason));
    }

    /** Ends the TCP connection with a reset, no Close frame. */
    public void drop() {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close().syncUninterruptibly();
    }

    private void write(WebSocketFrame frame) {
        ChannelFuture f = channel.writeAndFlush(frame);
        if (!f.awaitUninterruptibly(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("send to balancer did not complete within " + SEND_TIMEOUT);
        }
    }

    /** Stops reading from the socket: the balancer's writes pile up as for a stalled browser tab. */
    public void stopReading() {
        channel.config().setAutoRead(false);
    }

    public void resumeReading() {
        channel.config().setAutoRead(true);
        channel.read();
    }

    // ------------------------------------------------------------------ receiving

    /** The next text (or binary, as UTF-8) message; fails on timeout. */
    public String awaitText(Duration timeout) {
        String text = texts.take(t -> t, timeout);
        if (text == null) {
            throw new AssertionError("client received no message within " + timeout.toMillis() + " ms"
                    + (closed.isDone() ? " (connection ended: " + closed.getNow(null) + ")" : ""));
        }
        return text;
    }

    /** Fails if a message is (or becomes, within {@code window}) available. */
    public void awaitNoText(Duration window) {
        String text = texts.take(t -> t, window);
        if (text != null) {
            throw new AssertionError("client unexpectedly received " + text);
        }
    }

    public byte[] awaitPong(Duration timeout) {
        byte[] pong = pongs.take(p -> p, timeout);
        if (pong == null) {
            throw new AssertionError("client received no pong within " + timeout.toMillis() + " ms");
        }
        return pong;
    }

    /** Waits for the connection to end and reports how. */
    public CloseStatus awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("client connection did not end within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Fails if the connection ends within {@code window}. */
    public void awaitStaysOpen(Duration window) {
        try {
            CloseStatus status = closed.get(window.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("client connection ended unexpectedly: " + status);
        } catch (TimeoutException e) {
            // still open, as expected
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public boolean isOpen() {
        return channel.isActive() && !closed.isDone();
    }

    /** Close frames received so far (a client must never get two). */
    public int closeFramesReceived() {
        return closeFramesReceived.get();
    }

    @Override
    public void close() {
        channel.close();
    }

    // ------------------------------------------------------------------ pipeline

    private static final class FrameHandler extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker handshaker;
        final CompletableFuture<Void> handshakeDone = new CompletableFuture<>();
        final Inbox<String> texts = new Inbox<>();
        final Inbox<byte[]> pongs = new Inbox<>();
        final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
        final AtomicInteger closeFramesReceived = new AtomicInteger();

        FrameHandler(WebSocketClientHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel()).addListener(f -> {
                if (!f.isSuccess()) {
                    handshakeDone.completeExceptionally(f.cause());
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handshakeDone.completeExceptionally(new AssertionError("connection closed during the WebSocket handshake"));
            closed.complete(CloseStatus.withoutCloseFrame());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!handshaker.isHandshakeComplete()) {
                FullHttpResponse response = (FullHttpResponse) msg;
                if (response.status().code() != 101) {
                    handshakeDone.completeExceptionally(new UpgradeRejectedException(response.status().code(),
                            response.content().toString(StandardCharsets.UTF_8)));
                    ctx.close();
                    return;
                }
                try {
                    handshaker.finishHandshake(ctx.channel(), response);
                } catch (RuntimeException e) {
                    handshakeDone.completeExceptionally(e);
                    ctx.close();
                    return;
                }
                ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME_BYTES));
                handshakeDone.complete(null);
                return;
            }
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
                texts.add(((WebSocketFrame) msg).content().toString(StandardCharsets.UTF_8));
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof PongWebSocketFrame pong) {
                pongs.add(ByteBufUtil.getBytes(pong.content()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                closeFramesReceived.incrementAndGet();
                closed.complete(new CloseStatus(close.statusCode(), close.reasonText()));
                // Echo the close as RFC 6455 asks, then let the server end the TCP connection.
                ctx.writeAndFlush(new CloseWebSocketFrame()).addListener(f -> ctx.close());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshakeDone.completeExceptionally(cause);
            ctx.close();
        }
    }
}
