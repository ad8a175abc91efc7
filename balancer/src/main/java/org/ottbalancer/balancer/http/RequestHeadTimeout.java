package org.ottbalancer.balancer.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that do not send a complete request head in time: at the start of the
 * connection and again while a keep-alive connection waits for its next request. Stops slowloris
 * clients from holding sockets open by trickling headers.
 */
final class RequestHeadTimeout extends ChannelDuplexHandler {
    private final long firstNanos;
    private final long keepAliveNanos;
    private ScheduledFuture<?> deadline;

    RequestHeadTimeout(Duration first, Duration keepAlive) {
        this.firstNanos = first.toNanos();
        this.keepAliveNanos = keepAlive.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx, firstNanos);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx, firstNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    /** The previous response is written; the next request head must come within the keep-alive timeout. */
    void awaitNextRequest(ChannelHandlerContext ctx) {
        arm(ctx, keepAliveNanos);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx, long nanos) {
        disarm();
        deadline = ctx.executor().schedule(() -> {
            ctx.close();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
