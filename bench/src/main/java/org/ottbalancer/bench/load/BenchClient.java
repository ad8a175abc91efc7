package org.ottbalancer.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated browser: upgrades, sends {@code auth} first (the OTT protocol), counts as joined
 * when the {@code you} message arrives, then reports echoes, broadcasts and its close to the
 * scenario's {@link ClientEvents}.
 */
public final class BenchClient extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final int index;
    private final String room;
    private final byte[] authFrame;
    private final long startedNanos;
    private final CompletableFuture<BenchClient> joined = new CompletableFuture<>();
    private volatile ClientEvents events;
    private volatile Channel channel;
    private volatile long joinNanos = -1;
    private volatile int closeCode = 0;

    BenchClient(int index, String room, String token, ClientEvents events) {
        this.index = index;
        this.room = room;
        this.events = events;
        this.authFrame = ("{\"action\":\"auth\",\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
        this.startedNanos = System.nanoTime();
    }

    public int index() {
        return index;
    }

    public String room() {
        return room;
    }

    public Channel channel() {
        return channel;
    }

    /** Completes once the monolith's {@code you} arrived; fails if the connection ends first. */
    public CompletableFuture<BenchClient> joined() {
        return joined;
    }

    /** Time from the start of the TCP connect to the {@code you} message, or -1. */
    public long joinNanos() {
        return joinNanos;
    }

    /** 0 while open, the Close status once closed (-1 when the connection ended without one). */
    public int closeCode() {
        return closeCode;
    }

    public boolean isOpen() {
        Channel c = channel;
        return c != null && c.isActive() && closeCode == 0;
    }

    /** Redirects this client's events to another scenario phase. */
    public void listen(ClientEvents events) {
        this.events = events;
    }

    /** Sends a text frame from any thread; the buffer is released by Netty. */
    public void send(ByteBuf payload) {
        Channel c = channel;
        if (c == null || !c.isActive()) {
            payload.release();
            return;
        }
        c.writeAndFlush(new TextWebSocketFrame(payload), c.voidPromise());
    }

    public void close() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    void failBeforeConnect(Throwable cause) {
        closeCode = -1;
        joined.completeExceptionally(cause);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(authFrame)));
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            joined.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            ByteBuf content = frame.content();
            Payloads.Kind kind = Payloads.classify(content);
            if (kind == Payloads.Kind.ECHO || kind == Payloads.Kind.BROADCAST) {
                long t = Payloads.timestamp(content, kind);
                if (t >= 0) {
                    long latency = Payloads.now() - t;
                    if (kind == Payloads.Kind.ECHO) {
                        events.echoed(this, latency);
                    } else {
                        events.delivered(this, latency);
                    }
                }
            } else if (kind == Payloads.Kind.YOU && joinNanos < 0) {
                joinNanos = System.nanoTime() - startedNanos;
                joined.complete(this);
            }
        } else if (frame instanceof CloseWebSocketFrame close) {
            recordClose(close.statusCode());
            ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        recordClose(-1);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!joined.isDone()) {
            joined.completeExceptionally(cause);
        }
        ctx.close();
    }

    private void recordClose(int code) {
        if (closeCode != 0) {
            return;
        }
        closeCode = code == 0 ? -1 : code;
        if (!joined.isDone()) {
            joined.completeExceptionally(new IllegalStateException("closed with " + code + " before joining"));
        }
        events.closed(this, closeCode);
    }
}
