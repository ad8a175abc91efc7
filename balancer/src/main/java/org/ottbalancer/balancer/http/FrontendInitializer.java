package org.ottbalancer.balancer.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.time.Duration;

/**
 * The pipeline of every browser connection: HTTP codec, a deadline for request heads, a bounded
 * body aggregator and the {@link FrontendHandler}. A WebSocket upgrade later swaps the HTTP
 * handlers for frame handlers.
 */
public final class FrontendInitializer extends ChannelInitializer<SocketChannel> {
    /** Idle keep-alive connections must send their next request head within this time. */
    private static final Duration KEEP_ALIVE_IDLE = Duration.ofSeconds(75);

    private final FrontendHandler.Context context;

    public FrontendInitializer(FrontendHandler.Context context) {
        this.context = context;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        RequestHeadTimeout headTimeout = new RequestHeadTimeout(context.limits().httpHandshakeTimeout(), KEEP_ALIVE_IDLE);
        ch.pipeline()
                .addLast("http", new HttpServerCodec(8192, 16 * 1024, 16 * 1024))
                .addLast("head-timeout", headTimeout)
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregator", new HttpObjectAggregator(context.limits().maxHttpBodyBytes()))
                .addLast("frontend", new FrontendHandler(context, headTimeout));
    }
}
