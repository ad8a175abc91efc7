package org.ottbalancer.balancer.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.HttpConversionUtil;

/**
 * Makes a request decoded from an HTTP/2 stream look like what the client sent, so it is routed
 * and proxied exactly like its HTTP/1.1 twin: removes the {@code x-http2-*} headers Netty's
 * conversion adds for its own bookkeeping (stream id, scheme, ...), which must not reach a
 * monolith, and the connection-level {@code Connection}/{@code Upgrade} headers that have no
 * meaning on a stream (so no stream can ever attempt a WebSocket handshake).
 */
@ChannelHandler.Sharable
final class Http2RequestCleanup extends ChannelInboundHandlerAdapter {
    static final Http2RequestCleanup INSTANCE = new Http2RequestCleanup();

    private Http2RequestCleanup() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            HttpHeaders headers = req.headers();
            for (HttpConversionUtil.ExtensionHeaderNames name : HttpConversionUtil.ExtensionHeaderNames.values()) {
                headers.remove(name.text());
            }
            headers.remove(HttpHeaderNames.CONNECTION);
            headers.remove(HttpHeaderNames.UPGRADE);
        }
        ctx.fireChannelRead(msg);
    }
}
