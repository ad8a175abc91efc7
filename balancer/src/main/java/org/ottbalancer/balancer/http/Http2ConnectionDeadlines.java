package org.ottbalancer.balancer.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/2 counterparts of the HTTP/1.1 connection deadlines, driven by the connection's streams.
 * Until the first stream's request head has arrived, the connection's {@link RequestHeadTimeout}
 * (armed when the connection opened) stays in charge, so the slowloris bound is the same as for
 * HTTP/1.1; the first stream retires it. From then on a connection with no open stream is closed
 * (GOAWAY, then close) after the keep-alive idle time, like an idle HTTP/1.1 keep-alive connection.
 *
 * <p>One instance per connection; used only on the connection's event loop, which its streams share.
 */
final class Http2ConnectionDeadlines {
    private final Channel connection;
    private final long idleNanos;
    private int openStreams;
    private boolean firstRequestSeen;
    private ScheduledFuture<?> idle;

    Http2ConnectionDeadlines(Channel connection, Duration idle) {
        this.connection = connection;
        this.idleNanos = idle.toNanos();
        connection.closeFuture().addListener(f -> cancelIdle());
    }

    /** A stream's request head has arrived and {@code stream} will carry it. */
    void streamOpened(Channel stream) {
        if (!firstRequestSeen) {
            firstRequestSeen = true;
            ChannelPipeline p = connection.pipeline();
            if (p.get(FrontendInitializer.HEAD_TIMEOUT) != null) {
                p.remove(FrontendInitializer.HEAD_TIMEOUT);
            }
        }
        openStreams++;
        cancelIdle();
        stream.closeFuture().addListener(f -> streamClosed());
    }

    private void streamClosed() {
        openStreams--;
        if (openStreams == 0 && connection.isActive()) {
            idle = connection.eventLoop().schedule(() -> {
                connection.close();
            }, idleNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void cancelIdle() {
        if (idle != null) {
            idle.cancel(false);
            idle = null;
        }
    }
}
