package org.ottbalancer.e2e.support;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
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
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.ProtocolCodec;

/**
 * The balancer's end of a monolith link, for tests: dials {@code ws://127.0.0.1:<port>/} (a
 * monolith's balancing port or an agent's link port), sends B2M messages, and records every frame
 * the other end sends, in arrival order, exactly as it came: text, binary, ping, pong, the Close
 * frame's code and reason, and the end of the connection. Nothing is answered automatically except
 * pings (as every WebSocket endpoint must) and the other end's Close.
 */
public final class LinkClient implements AutoCloseable {
    /** Larger than any frame the suites send, and no stricter than the monolith (16 MiB). */
    public static final int MAX_FRAME_BYTES = 16 << 20;

    /** What arrived. {@code text} holds the frame's text (or the Close reason); {@code bytes} the raw payload. */
    public enum Kind { TEXT, BINARY, PING, PONG, CLOSE, END }

    /** One received frame, or the end of the connection ({@link Kind#END}). */
    public record Frame(Kind kind, String text, byte[] bytes, int closeCode) {
        /** One line, for failure messages and transcripts. */
        public String describe() {
            switch (kind) {
                case TEXT:
                    return "text " + text;
                case CLOSE:
                    return "close " + closeCode + " \"" + text + "\"";
                case END:
                    return "end of connection";
                default:
                    return kind.name().toLowerCase() + " " + bytes.length + " bytes: " + preview(bytes);
            }
        }

        private static String preview(byte[] b) {
            String s = new String(b, 0, Math.min(b.length, 120), StandardCharsets.UTF_8);
            return b.length > 120 ? s + "..." : s;
        }
    }

    private final Channel channel;
    private final Recorder recorder;

    private LinkClient(Channel channel, Recorder recorder) {
        this.channel = channel;
        this.recorder = recorder;
    }

    /** Connects and completes the WebSocket upgrade; sends nothing. */
    public static LinkClient connect(EventLoopGroup group, int port, Duration timeout) {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/");
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), MAX_FRAME_BYTES);
        Recorder recorder = new Recorder(handshaker);
        ChannelFuture connect = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024), recorder);
                    }
                })
                .connect("127.0.0.1", port);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                recorder.upgraded.completeExceptionally(f.cause());
            }
        });
        try {
            recorder.upgraded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            connect.channel().close();
            throw new AssertionError("cannot open a link to 127.0.0.1:" + port + ": " + e, e);
        }
        return new LinkClient(connect.channel(), recorder);
    }

    public void send(B2M message) {
        sendText(new String(ProtocolCodec.encode(message), StandardCharsets.UTF_8));
    }

    public void sendText(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text)).syncUninterruptibly();
    }

    public void sendBinary(byte[] bytes) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))).syncUninterruptibly();
    }

    public void ping(byte[] payload) {
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(payload))).syncUninterruptibly();
    }

    /** Sends a Close frame and keeps the connection until the other end answers or ends it. */
    public void sendClose(int code, String reason) {
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).syncUninterruptibly();
    }

    /** Ends the TCP connection without a Close frame, as upstream's balancer drops a link. */
    public void drop() {
        channel.close().syncUninterruptibly();
    }

    /** Everything received so far, in order. */
    public List<Frame> frames() {
        return recorder.snapshot();
    }

    /** How many frames (and the end marker) have been received. */
    public int count() {
        return recorder.count();
    }

    /** Waits until some received frame satisfies {@code match} and returns it. */
    public Frame await(String what, Duration timeout, Predicate<Frame> match) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (recorder) {
            while (true) {
                for (Frame f : recorder.frames) {
                    if (match.test(f)) {
                        return f;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                            + "; received:\n  " + String.join("\n  ", recorder.frames.stream().map(Frame::describe).toList()));
                }
                try {
                    recorder.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }

    /** Waits until a text frame contains {@code fragment} (a cheap way to name an expected message). */
    public Frame awaitText(String fragment, Duration timeout) {
        return await("a text frame containing " + fragment, timeout,
                f -> f.kind() == Kind.TEXT && f.text().contains(fragment));
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** Performs the upgrade, then records every frame. */
    private static final class Recorder extends SimpleChannelInboundHandler<Object> {
        private final WebSocketClientHandshaker handshaker;
        final CompletableFuture<Void> upgraded = new CompletableFuture<>();
        final List<Frame> frames = new ArrayList<>();
        private boolean closeAnswered;

        Recorder(WebSocketClientHandshaker handshaker) {
            this.handshaker = handshaker;
        }

        synchronized List<Frame> snapshot() {
            return List.copyOf(frames);
        }

        synchronized int count() {
            return frames.size();
        }

        private synchronized void record(Frame f) {
            frames.add(f);
            notifyAll();
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
                        upgraded.completeExceptionally(new IllegalStateException("upgrade refused: " + res.status()));
                        ctx.close();
                    }
                }
                return;
            }
            if (msg instanceof TextWebSocketFrame t) {
                byte[] b = ByteBufUtil.getBytes(t.content());
                record(new Frame(Kind.TEXT, new String(b, StandardCharsets.UTF_8), b, 0));
            } else if (msg instanceof BinaryWebSocketFrame bin) {
                record(new Frame(Kind.BINARY, "", ByteBufUtil.getBytes(bin.content()), 0));
            } else if (msg instanceof PingWebSocketFrame ping) {
                record(new Frame(Kind.PING, "", ByteBufUtil.getBytes(ping.content()), 0));
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof PongWebSocketFrame pong) {
                record(new Frame(Kind.PONG, "", ByteBufUtil.getBytes(pong.content()), 0));
            } else if (msg instanceof CloseWebSocketFrame close) {
                record(new Frame(Kind.CLOSE, close.reasonText(), ByteBufUtil.getBytes(close.content()), close.statusCode()));
                if (!closeAnswered) {
                    closeAnswered = true;
                    ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), ""));
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!upgraded.isDone()) {
                upgraded.completeExceptionally(new IllegalStateException("connection ended before the upgrade"));
            }
            record(new Frame(Kind.END, "", new byte[0], 0));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
