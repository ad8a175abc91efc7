package org.ottbalancer.balancer.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Serves a connection's requests strictly one after another: a request that arrives while another
 * is in progress waits until the earlier response has been written. Proxied responses complete
 * asynchronously, so a pipelining client would otherwise get answers in the order monoliths
 * finish, not in the order it asked.
 *
 * <p>Reading goes on while a request is served: browsers and load generators send the next request
 * only after the answer, and switching reading off and on for every request would cost three
 * system calls each time. Reading stops only when a pipelining client actually sends ahead (what
 * it already sent waits here, what follows waits in the socket and in the {@code FlowControlHandler}
 * in front of this), and for a WebSocket upgrade request, whose connection must not read past the
 * request before its pipeline has switched protocols.
 */
final class OneRequestAtATime extends ChannelDuplexHandler {
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private boolean busy;
    private boolean stoppedReading;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (busy) {
            waiting.add(msg);
            stopReading(ctx);
            return;
        }
        serve(ctx, msg);
    }

    private void serve(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request) {
            busy = true;
            if (request.headers().contains(HttpHeaderNames.UPGRADE)) {
                stopReading(ctx);
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            ctx.write(msg, promise.unvoid()).addListener(f -> responseWritten(ctx, f.isSuccess()));
            return;
        }
        ctx.write(msg, promise);
    }

    /** The current response is out: serve what waited, in order, then read again if reading had stopped. */
    private void responseWritten(ChannelHandlerContext ctx, boolean written) {
        if (ctx.isRemoved()) {
            return;
        }
        busy = false;
        if (!written || !ctx.channel().isActive()) {
            // The connection is going (write failed, or Connection: close); nothing more is served.
            releaseWaiting();
            return;
        }
        Object next;
        while (!busy && (next = waiting.poll()) != null) {
            serve(ctx, next);
        }
        if (!busy && stoppedReading) {
            stoppedReading = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void stopReading(ChannelHandlerContext ctx) {
        if (!stoppedReading) {
            stoppedReading = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseWaiting();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseWaiting();
        ctx.fireChannelInactive();
    }

    private void releaseWaiting() {
        Object msg;
        while ((msg = waiting.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
