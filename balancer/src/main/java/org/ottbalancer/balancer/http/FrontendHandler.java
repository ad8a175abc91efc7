package org.ottbalancer.balancer.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.balancer.client.ClientHandler;
import org.ottbalancer.balancer.config.Limits;
import org.ottbalancer.balancer.config.MigrationConfig;
import org.ottbalancer.balancer.link.MonolithLink;
import org.ottbalancer.balancer.metrics.BalancerMetrics;
import org.ottbalancer.balancer.observe.StateEvents;
import org.ottbalancer.balancer.proxy.HttpProxy;
import org.ottbalancer.balancer.proxy.ProxyTarget;
import org.ottbalancer.balancer.state.BalancerState;
import org.ottbalancer.protocol.RoomName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one HTTP connection from browsers: the balancer's own endpoints, WebSocket upgrades for
 * rooms and the state stream, and everything else proxied to a monolith (spec §3.1, §4).
 */
public final class FrontendHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(FrontendHandler.class);
    static final String NO_MONOLITHS = "No monoliths available to handle request.";

    /** Everything a connection handler needs; one instance is shared by all connections. */
    public record Context(BalancerState state, BalancerMetrics metrics, StateEvents events, HttpProxy proxy,
            Limits limits, MigrationConfig migration, UUID balancerId, String region, ApiKeyHolder apiKey) {
    }

    /** Wraps the API-key check so the context record stays free of package-private types. */
    public static final class ApiKeyHolder {
        private final ApiKey key;

        public ApiKeyHolder(Optional<String> key) {
            this.key = new ApiKey(key);
        }

        /** Whether {@code request} carries {@code Authorization: Bearer <api_key>} (never without a configured key). */
        public boolean authorises(HttpRequest request) {
            return key.authorises(request);
        }
    }

    private final Context c;
    private final RequestHeadTimeout headTimeout;

    FrontendHandler(Context context, RequestHeadTimeout headTimeout) {
        super(false);
        this.c = context;
        this.headTimeout = headTimeout;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        c.metrics().httpRequestReceived();
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad request");
            return;
        }
        if (org.ottbalancer.balancer.dashboard.DashboardEndpoint.serve(ctx, req, c)) { finish(ctx, req, null); return; }
        Route route = Route.of(req.uri());
        switch (route.kind()) {
            case STATUS -> respond(ctx, req, HttpResponseStatus.OK, "OK");
            case METRICS -> {
                byte[] body = c.metrics().scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                finish(ctx, req, Responses.send(ctx, req, HttpResponseStatus.OK, Responses.PROMETHEUS, Unpooled.wrappedBuffer(body)));
            }
            case ROOM_LIST -> finish(ctx, req, Responses.send(ctx, req, HttpResponseStatus.OK, Responses.JSON,
                    Unpooled.wrappedBuffer(StatusDocuments.roomList(c.state()))));
            case BALANCING -> {
                if (authorised(ctx, req)) {
                    respond(ctx, req, HttpResponseStatus.OK, StatusDocuments.balancing(c.state()));
                }
            }
            case STATE -> {
                if (authorised(ctx, req)) {
                    finish(ctx, req, Responses.send(ctx, req, HttpResponseStatus.OK, Responses.JSON,
                            Unpooled.wrappedBuffer(StatusDocuments.state(c.state(), c.balancerId(), c.region()))));
                }
            }
            case STATE_STREAM -> {
                if (authorised(ctx, req)) {
                    if (isUpgrade(req)) {
                        upgradeStateStream(ctx, req);
                    } else {
                        respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "expected websocket connection");
                    }
                }
            }
            case ROOM -> room(ctx, req, route.room().orElseThrow());
            case OTHER -> other(ctx, req);
        }
    }

    private void room(ChannelHandlerContext ctx, FullHttpRequest req, RoomName room) {
        if (!c.state().hasMonoliths()) {
            respond(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, NO_MONOLITHS);
            return;
        }
        if (isUpgrade(req)) {
            upgradeClient(ctx, req, room);
            return;
        }
        Optional<MonolithLink> target = c.state().routeHttpForRoom(room);
        if (target.isEmpty()) {
            respond(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, NO_MONOLITHS);
            return;
        }
        proxy(ctx, req, target.get(), room);
    }

    private void other(ChannelHandlerContext ctx, FullHttpRequest req) {
        Optional<MonolithLink> target = c.state().routeHttpOther();
        if (target.isEmpty()) {
            respond(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, NO_MONOLITHS);
            return;
        }
        proxy(ctx, req, target.get(), null);
    }

    private void proxy(ChannelHandlerContext ctx, FullHttpRequest req, MonolithLink link, RoomName room) {
        if (c.events().active()) {
            c.events().proxied(link.id(), room);
        }
        ProxyTarget target = new ProxyTarget(link.id().toString(), link.host(), link.httpPort());
        c.proxy().forward(ctx, req, target, room != null);
        headTimeout.awaitNextRequest(ctx);
    }

    /**
     * Upgrade detection as upstream does it: {@code Connection} contains "upgrade" and
     * {@code Upgrade} is "websocket", both case-insensitive.
     */
    static boolean isUpgrade(HttpRequest req) {
        String connection = req.headers().get(HttpHeaderNames.CONNECTION);
        String upgrade = req.headers().get(HttpHeaderNames.UPGRADE);
        return connection != null && upgrade != null
                && connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade")
                && upgrade.trim().equalsIgnoreCase("websocket");
    }

    private WebSocketServerHandshaker handshaker(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_KEY)
                || !"13".equals(req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            respond(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal server error");
            return null;
        }
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(c.limits().maxFrameBytes())
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .withUTF8Validator(true)
                .build();
        String url = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + req.uri();
        WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory(url, null, decoder).newHandshaker(req);
        if (hs == null) {
            respond(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal server error");
        }
        return hs;
    }

    private void upgradeClient(ChannelHandlerContext ctx, FullHttpRequest req, RoomName room) {
        try {
            WebSocketServerHandshaker hs = handshaker(ctx, req);
            if (hs == null) {
                return;
            }
            String edgeRegion = Optional.ofNullable(req.headers().get("Fly-Region")).orElse("unknown");
            ChannelPipeline p = ctx.pipeline();
            ChannelFuture done = hs.handshake(ctx.channel(), req);
            removeHttpOnlyHandlers(p);
            afterDecoder(p, "ws-aggregator", new WebSocketFrameAggregator(c.limits().maxFrameBytes()));
            long idle = c.limits().idleTimeout().toNanos();
            if (idle > 0) {
                // Before the client handler, which is where its idle events must arrive.
                p.addBefore(ctx.name(), "idle", new IdleStateHandler(idle, 0, 0, TimeUnit.NANOSECONDS));
            }
            ClientHandler client = new ClientHandler(c.state(), c.metrics(), c.events(), c.limits().authTimeout(),
                    ctx.channel(), room, edgeRegion, c.limits().clientQueueFrames(), c.migration());
            p.replace(this, "client", client);
            done.addListener(f -> {
                if (!f.isSuccess()) {
                    ctx.channel().close();
                } else {
                    ctx.channel().config().setAutoRead(true);
                }
            });
        } finally {
            req.release();
        }
    }

    private void upgradeStateStream(ChannelHandlerContext ctx, FullHttpRequest req) {
        try {
            WebSocketServerHandshaker hs = handshaker(ctx, req);
            if (hs == null) {
                return;
            }
            ChannelPipeline p = ctx.pipeline();
            hs.handshake(ctx.channel(), req).addListener(f -> ctx.channel().config().setAutoRead(true));
            removeHttpOnlyHandlers(p);
            p.replace(this, "state-stream", new StateStreamHandler());
            c.events().subscribe(ctx.channel());
        } finally {
            req.release();
        }
    }

    private void removeHttpOnlyHandlers(ChannelPipeline p) {
        p.remove(headTimeout);
        for (String name : new String[] {"keep-alive", "flow-control", "one-at-a-time"}) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
    }

    /** The frame aggregator must sit right after the WebSocket decoder that the handshake installed. */
    private static void afterDecoder(ChannelPipeline p, String name, io.netty.channel.ChannelHandler handler) {
        if (p.get("wsdecoder") != null) {
            p.addAfter("wsdecoder", name, handler);
        } else {
            p.addFirst(name, handler);
        }
    }

    private boolean authorised(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (c.apiKey().key.authorises(req)) {
            return true;
        }
        respond(ctx, req, HttpResponseStatus.UNAUTHORIZED, "unauthorized");
        return false;
    }

    private void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String body) {
        finish(ctx, req, Responses.text(ctx, req, status, body));
    }

    private void finish(ChannelHandlerContext ctx, FullHttpRequest req, ChannelFuture written) {
        req.release();
        headTimeout.awaitNextRequest(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
