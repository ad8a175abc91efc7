package org.ottbalancer.monolith.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;

/** Upgrades an HTTP request to a WebSocket served by an {@link WebSocketEndpoint}. */
public final class WebSocketUpgrade {
    private WebSocketUpgrade() {
    }

    /** Whether the request asks for a WebSocket ({@code Connection: upgrade}, {@code Upgrade: websocket}). */
    public static boolean isUpgrade(FullHttpRequest req) {
        String connection = req.headers().get(HttpHeaderNames.CONNECTION, "");
        String upgrade = req.headers().get(HttpHeaderNames.UPGRADE, "");
        return connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade")
                && upgrade.trim().equalsIgnoreCase("websocket");
    }

    /**
     * Replaces {@code ctx}'s handler with {@code endpoint} and answers the handshake; a malformed
     * handshake gets 400 and the connection closes.
     */
    public static void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, int maxMessageBytes, WebSocketEndpoint endpoint) {
        String location = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + req.uri();
        WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(location, null, false, maxMessageBytes);
        WebSocketServerHandshaker handshaker = factory.newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        p.replace(ctx.handler(), "ws-endpoint", endpoint);
        p.addBefore("ws-endpoint", "ws-aggregator", new WebSocketFrameAggregator(maxMessageBytes));
        ChannelHandlerContext endpointCtx = p.context(endpoint);
        try {
            handshaker.handshake(ctx.channel(), req).addListener(f -> {
                if (f.isSuccess()) {
                    endpoint.opened(endpointCtx);
                } else {
                    ctx.channel().close();
                }
            });
        } catch (WebSocketHandshakeException e) {
            DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.copiedBuffer("bad WebSocket handshake: " + e.getMessage(), StandardCharsets.UTF_8));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            ctx.channel().writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
