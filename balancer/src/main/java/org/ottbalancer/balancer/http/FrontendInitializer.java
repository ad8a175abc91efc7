package org.ottbalancer.balancer.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.flow.FlowControlHandler;
import java.time.Duration;
import java.util.List;

/**
 * The pipeline of every browser connection: HTTP codec, a deadline for request heads, a bounded
 * body aggregator and the {@link FrontendHandler}. A WebSocket upgrade later swaps the HTTP
 * handlers for frame handlers.
 *
 * <p>Cleartext HTTP/2 is accepted on the same port (spec §1): a connection that opens with the
 * HTTP/2 preface, or whose first request asks for {@code Upgrade: h2c}, is switched to HTTP/2 by
 * {@link Http2ConnectionSwitch} and its streams are served by {@link Http2StreamInitializer}. The
 * detector in front of the HTTP codec removes itself after the first bytes that are not the
 * preface, and the h2c upgrade handler after the first request, so an HTTP/1.1 connection ends up
 * with exactly the plain HTTP/1.1 pipeline.
 */
public final class FrontendInitializer extends ChannelInitializer<SocketChannel> {
    /** Idle keep-alive connections must send their next request head within this time. */
    static final Duration KEEP_ALIVE_IDLE = Duration.ofSeconds(75);

    static final String HEAD_TIMEOUT = "head-timeout";
    static final String H2_CODEC = "h2";
    static final String H2_STREAMS = "h2-streams";
    /** Handlers that serve HTTP/1.1 requests on the connection itself; HTTP/2 has them per stream. */
    static final List<String> HTTP1_REQUEST_HANDLERS =
            List.of("keep-alive", "aggregator", "flow-control", "one-at-a-time", "frontend");

    private final FrontendHandler.Context context;
    private final Http2Frontend h2;

    public FrontendInitializer(FrontendHandler.Context context) {
        this.context = context;
        this.h2 = new Http2Frontend(context);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        RequestHeadTimeout headTimeout = new RequestHeadTimeout(context.limits().httpHandshakeTimeout(), KEEP_ALIVE_IDLE);
        HttpServerCodec http = new HttpServerCodec(8192, 16 * 1024, 16 * 1024);
        H2cUpgradeHandler h2cUpgrade = new H2cUpgradeHandler(http, h2::upgradeCodec, context.limits().maxHttpBodyBytes());
        ch.pipeline()
                // Becomes: HTTP codec, h2c upgrade handler (or, on the preface, the HTTP/2 handlers).
                .addLast("h2c", new CleartextHttp2ServerUpgradeHandler(http, h2cUpgrade, h2.priorKnowledge()))
                .addLast(HEAD_TIMEOUT, headTimeout)
                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                .addLast("aggregator", new HttpObjectAggregator(context.limits().maxHttpBodyBytes()))
                .addLast("flow-control", new FlowControlHandler())
                .addLast("one-at-a-time", new OneRequestAtATime())
                .addLast("frontend", new FrontendHandler(context, headTimeout));
    }
}
