package org.ottbalancer.monolith.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.ottbalancer.monolith.metrics.MonolithMetrics;
import org.ottbalancer.monolith.net.WebSocketUpgrade;
import org.ottbalancer.monolith.rooms.RoomManager;
import org.ottbalancer.monolith.rooms.RoomNames;
import org.ottbalancer.monolith.rooms.SavedRoom;
import org.ottbalancer.monolith.store.RoomStore;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API (OTT's paths and shapes), the room page, metrics, and direct client WebSockets at
 * {@code /api/room/{room}}. Answers are asynchronous; while one is pending the connection reads
 * nothing more, so pipelined requests are answered in order.
 */
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);
    /** How long a granted token stays valid. */
    static final Duration TOKEN_TTL = Duration.ofDays(7);
    static final Duration DIRECT_AUTH_TIMEOUT = Duration.ofSeconds(20);
    static final int DIRECT_MAX_MESSAGE_BYTES = 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RoomManager rooms;
    private final RoomStore store;
    private final MonolithMetrics metrics;
    private final StaticResources statics;

    HttpApiHandler(RoomManager rooms, RoomStore store, MonolithMetrics metrics, StaticResources statics) {
        this.rooms = rooms;
        this.store = store;
        this.metrics = metrics;
        this.statics = statics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        String path = new QueryStringDecoder(req.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (path.startsWith("/api/room/") && WebSocketUpgrade.isUpgrade(req)) {
            String segment = path.substring("/api/room/".length());
            int slash = segment.indexOf('/');
            String room = slash >= 0 ? segment.substring(0, slash) : segment;
            WebSocketUpgrade.upgrade(ctx, req, DIRECT_MAX_MESSAGE_BYTES,
                    new DirectClient(room, rooms, DIRECT_AUTH_TIMEOUT));
            return;
        }
        CompletableFuture<FullHttpResponse> response;
        try {
            response = route(req, path);
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", req.method(), path, e);
            response = CompletableFuture.completedFuture(
                    Responses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError", e.toString()));
        }
        if (!response.isDone()) {
            ctx.channel().config().setAutoRead(false);
        }
        response.whenComplete((res, err) -> {
            FullHttpResponse out = res;
            if (err != null) {
                LOG.error("request {} {} failed", req.method(), path, err);
                out = Responses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "InternalError", String.valueOf(err.getMessage()));
            }
            write(ctx, out, keepAlive);
        });
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse res, boolean keepAlive) {
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res).addListener(f -> ctx.channel().config().setAutoRead(true));
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private CompletableFuture<FullHttpResponse> route(FullHttpRequest req, String path) {
        HttpMethod method = req.method();
        if (path.equals("/api/status")) {
            return done(Responses.text(HttpResponseStatus.OK, "text/plain; charset=utf-8", "OK"));
        }
        if (path.equals("/api/auth/grant")) {
            return grantToken();
        }
        if (path.equals("/metrics")) {
            return done(Responses.text(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        }
        if (path.equals("/api/room/generate")) {
            return method.equals(HttpMethod.POST) ? generate() : methodNotAllowed("POST");
        }
        if (path.equals("/api/room") || path.equals("/api/room/")) {
            return method.equals(HttpMethod.POST) ? create(req) : methodNotAllowed("POST");
        }
        if (path.equals("/api/room/list")) {
            return rooms.publicRooms().thenApply(list -> Responses.json(HttpResponseStatus.OK, list));
        }
        if (path.startsWith("/api/room/")) {
            return describe(path.substring("/api/room/".length()));
        }
        if (path.equals("/") || path.startsWith("/room/")) {
            return page("index.html");
        }
        if (path.startsWith("/static/")) {
            return page(path.substring("/static/".length()));
        }
        return done(Responses.error(HttpResponseStatus.NOT_FOUND, "NotFound", "no route for " + path));
    }

    private CompletableFuture<FullHttpResponse> grantToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return store.putToken(token, TOKEN_TTL).thenApply(v -> {
            ObjectNode body = Responses.JSON.createObjectNode();
            body.put("token", token);
            return Responses.json(HttpResponseStatus.OK, body);
        });
    }

    private CompletableFuture<FullHttpResponse> generate() {
        String name = RoomNames.random();
        SavedRoom fresh = SavedRoom.fresh(name, "", true, Visibility.PUBLIC.wire(), System.currentTimeMillis());
        return rooms.generateRoom(fresh).thenApply(result -> {
            if (result != RoomManager.CreateResult.CREATED) {
                return Responses.error(HttpResponseStatus.CONFLICT, "RoomNameTakenException", "generated name collided; try again");
            }
            ObjectNode body = Responses.JSON.createObjectNode();
            body.put("success", true);
            body.put("room", name);
            return Responses.json(HttpResponseStatus.CREATED, body);
        });
    }

    private CompletableFuture<FullHttpResponse> create(FullHttpRequest req) {
        JsonNode body;
        try {
            body = Responses.JSON.readTree(req.content().toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            return badRequest("body must be a JSON object: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            return badRequest("body must be a JSON object with a \"name\"");
        }
        JsonNode name = body.path("name");
        if (!name.isTextual() || !RoomNames.isValid(name.asText())) {
            return badRequest("invalid room name: " + RoomNames.rule());
        }
        JsonNode title = body.path("title");
        if (!title.isMissingNode() && !title.isNull() && !title.isTextual()) {
            return badRequest("title must be a string");
        }
        Visibility visibility = Visibility.PUBLIC;
        JsonNode vis = body.path("visibility");
        if (!vis.isMissingNode() && !vis.isNull()) {
            try {
                visibility = Visibility.fromWire(vis.asText());
            } catch (RuntimeException e) {
                return badRequest("visibility must be public, unlisted or private");
            }
        }
        boolean temporary = body.path("isTemporary").asBoolean(false);
        SavedRoom fresh = SavedRoom.fresh(name.asText(), title.isTextual() ? title.asText() : "", temporary,
                visibility.wire(), System.currentTimeMillis());
        return rooms.createRoom(fresh).thenApply(result -> {
            if (result == RoomManager.CreateResult.ALREADY_EXISTS) {
                return Responses.error(HttpResponseStatus.CONFLICT, "RoomNameTakenException",
                        "a room named " + name.asText() + " already exists");
            }
            ObjectNode ok = Responses.JSON.createObjectNode();
            ok.put("success", true);
            return Responses.json(HttpResponseStatus.CREATED, ok);
        });
    }

    private CompletableFuture<FullHttpResponse> describe(String name) {
        if (!RoomNames.isValid(name)) {
            return done(Responses.error(HttpResponseStatus.NOT_FOUND, "RoomNotFoundException", "no room named " + name));
        }
        return rooms.describe(RoomName.of(name)).thenApply(info -> info
                .map(i -> Responses.json(HttpResponseStatus.OK, i))
                .orElseGet(() -> Responses.error(HttpResponseStatus.NOT_FOUND, "RoomNotFoundException", "no room named " + name)));
    }

    private CompletableFuture<FullHttpResponse> page(String file) {
        return done(statics.get(file)
                .map(r -> Responses.bytes(HttpResponseStatus.OK, r.contentType(), r.body()))
                .orElseGet(() -> Responses.error(HttpResponseStatus.NOT_FOUND, "NotFound", "no file " + file)));
    }

    private static CompletableFuture<FullHttpResponse> badRequest(String message) {
        return done(Responses.error(HttpResponseStatus.BAD_REQUEST, "BadApiArgumentException", message));
    }

    private static CompletableFuture<FullHttpResponse> methodNotAllowed(String allowed) {
        FullHttpResponse res = Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "MethodNotAllowed", "use " + allowed);
        res.headers().set(HttpHeaderNames.ALLOW, allowed);
        return done(res);
    }

    private static CompletableFuture<FullHttpResponse> done(FullHttpResponse res) {
        return CompletableFuture.completedFuture(res);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
