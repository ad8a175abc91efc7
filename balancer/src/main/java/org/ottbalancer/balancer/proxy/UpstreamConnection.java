package org.ottbalancer.balancer.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 connection to a monolith and the exchange currently using it. All methods run on
 * the connection's event loop. At most one exchange uses a connection at a time (no pipelining),
 * so a response always belongs to the current listener.
 */
final class UpstreamConnection {
    /**
     * Pooled connections idle this long are closed. Node's HTTP server (the OTT monolith) drops
     * idle keep-alive connections after 5 s by default; closing ours first keeps requests from
     * racing that close, which would cost a retry or, for POST, a 502.
     */
    static final long IDLE_CLOSE_MILLIS = 4_000;

    private static final AttributeKey<UpstreamConnection> KEY = AttributeKey.valueOf(UpstreamConnection.class, "connection");

    private final Channel channel;
    private UpstreamListener listener;
    private boolean bytesReceived;
    private int exchanges;

    private UpstreamConnection(Channel channel) {
        this.channel = channel;
    }

    /** Sets up a freshly created channel: HTTP client codec, bounded response aggregation, dispatch. */
    static void install(Channel channel, int maxResponseBodyBytes) {
        UpstreamConnection connection = new UpstreamConnection(channel);
        channel.attr(KEY).set(connection);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("bytes-seen", connection.new ByteWatcher());
        pipeline.addLast("idle", new IdleStateHandler(0, 0, IDLE_CLOSE_MILLIS, TimeUnit.MILLISECONDS));
        pipeline.addLast("http", new HttpClientCodec());
        // Oversized responses make the aggregator close the channel and raise an exception,
        // which reaches the dispatcher as a failure of the current exchange.
        pipeline.addLast("aggregate", new HttpObjectAggregator(maxResponseBodyBytes));
        pipeline.addLast("dispatch", connection.new Dispatcher());
    }

    static UpstreamConnection of(Channel channel) {
        UpstreamConnection connection = channel.attr(KEY).get();
        if (connection == null) {
            throw new IllegalStateException("channel was not set up as a monolith connection: " + channel);
        }
        return connection;
    }

    /**
     * Hands the connection to an exchange that is about to write its request.
     *
     * @return whether the connection served an earlier exchange (came back from the pool)
     */
    boolean begin(UpstreamListener next) {
        if (listener != null) {
            throw new IllegalStateException("monolith connection already in use: " + channel);
        }
        listener = next;
        bytesReceived = false;
        return exchanges++ > 0;
    }

    /** Detaches {@code owner} if it is still the current exchange; later events are ignored. */
    void abandon(UpstreamListener owner) {
        if (listener == owner) {
            listener = null;
        }
    }

    /** Fails {@code owner}'s exchange (for example because its write failed) and closes the connection. */
    void fail(UpstreamListener owner, Throwable cause) {
        if (listener == owner) {
            failCurrent(cause);
        }
        channel.close();
    }

    private void failCurrent(Throwable cause) {
        UpstreamListener current = listener;
        listener = null;
        if (current != null) {
            current.onFailure(cause, !bytesReceived);
        }
    }

    /** Sits before the codec: the only place that sees raw bytes, so partial responses count too. */
    private final class ByteWatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            bytesReceived = true;
            ctx.fireChannelRead(msg);
        }
    }

    private final class Dispatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpResponse response)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            int code = response.status().code();
            if (code >= 100 && code < 200 && code != 101) {
                // Informational (100 Continue, 103 Early Hints): the final response follows.
                response.release();
                return;
            }
            UpstreamListener current = listener;
            listener = null;
            if (current == null) {
                // Nobody asked: the connection's framing can no longer be trusted.
                response.release();
                ctx.close();
                return;
            }
            current.onResponse(response);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            failCurrent(new IOException("monolith closed the connection"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
            failCurrent(cause);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                if (listener == null) {
                    ctx.close();
                }
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
