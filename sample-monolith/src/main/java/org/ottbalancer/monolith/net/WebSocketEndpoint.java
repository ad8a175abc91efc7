package org.ottbalancer.monolith.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One side of an upgraded WebSocket: answers pings, completes closes, hands whole data frames to
 * {@link #onMessage} as bytes, and sends at most one Close frame.
 */
public abstract class WebSocketEndpoint extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);
    private final AtomicBoolean closeSent = new AtomicBoolean();
    private volatile Channel channel;

    /** The upgrade finished; the channel is ready for frames. */
    protected abstract void onOpen(ChannelHandlerContext ctx);

    /** A complete text or binary frame arrived. */
    protected abstract void onMessage(ChannelHandlerContext ctx, byte[] data, boolean text);

    /** The connection is gone, whoever closed it. */
    protected abstract void onClosed();

    /** Called by the upgrade once the handshake response was written. */
    final void opened(ChannelHandlerContext ctx) {
        onOpen(ctx);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.channel = ctx.channel();
    }

    public Channel channel() {
        return channel;
    }

    /** Sends a text frame; safe from any thread. */
    public void sendText(byte[] utf8) {
        Channel ch = channel;
        if (ch != null && !closeSent.get()) {
            ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)));
        }
    }

    /** Sends a text frame from a span of bytes; safe from any thread. */
    public void sendText(byte[] utf8, int offset, int length) {
        Channel ch = channel;
        if (ch != null && !closeSent.get()) {
            ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8, offset, length)));
        }
    }

    /**
     * Sends Close with {@code code} and {@code reason}, then closes the connection once written. Only
     * the first call has an effect. Returns nothing: watch {@link #channel()}'s close future.
     */
    public void close(int code, String reason) {
        Channel ch = channel;
        if (ch == null || !closeSent.compareAndSet(false, true)) {
            return;
        }
        ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            ByteBuf content = frame.content();
            onMessage(ctx, ByteBufUtil.getBytes(content), frame instanceof TextWebSocketFrame);
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            if (closeSent.compareAndSet(false, true)) {
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closeSent.set(true);
        onClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("WebSocket {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
