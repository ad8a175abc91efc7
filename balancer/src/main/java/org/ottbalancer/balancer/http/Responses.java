package org.ottbalancer.balancer.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;

/** Writes the balancer's own HTTP responses, honouring the request's keep-alive. */
public final class Responses {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private Responses() {
    }

    static ChannelFuture text(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String body) {
        return send(ctx, req, status, TEXT, Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    static ChannelFuture send(ChannelHandlerContext ctx, HttpRequest req, HttpResponseStatus status, String contentType,
            ByteBuf body) {
        FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), status, body);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(res, body.readableBytes());
        return write(ctx, req, res);
    }

    /**
     * Writes a complete response: {@code Connection: close} (and closing after the write) when the
     * request did not ask to keep the connection, {@code keep-alive} for an HTTP/1.0 request that did.
     */
    public static ChannelFuture write(ChannelHandlerContext ctx, HttpRequest req, FullHttpResponse res) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!req.protocolVersion().isKeepAliveDefault()) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ChannelFuture f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
        return f;
    }
}
