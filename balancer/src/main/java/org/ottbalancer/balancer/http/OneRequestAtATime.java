package org.ottbalancer.balancer.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Serves a connection's requests strictly one after another: reading stops when a request arrives
 * and resumes once its response has been written. Proxied responses complete asynchronously, so a
 * pipelining client would otherwise get answers in the order monoliths finish, not in the order it
 * asked. Requests already decoded meanwhile wait in the {@code FlowControlHandler} in front of this.
 */
final class OneRequestAtATime extends ChannelDuplexHandler {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            ctx.channel().config().setAutoRead(false);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            ctx.write(msg, promise.unvoid()).addListener(f -> {
                if (ctx.channel().isActive()) {
                    ctx.channel().config().setAutoRead(true);
                }
            });
            return;
        }
        ctx.write(msg, promise);
    }
}
