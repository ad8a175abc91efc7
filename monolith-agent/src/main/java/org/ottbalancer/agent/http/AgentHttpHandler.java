package org.ottbalancer.agent.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.ottbalancer.protocol.agent.AgentDocuments;
import org.ottbalancer.protocol.agent.DrainReport;
import org.ottbalancer.protocol.agent.DrainRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes of the agent's two HTTP listeners.
 *
 * <p>Main listener: {@code GET /report}, {@code GET /healthz}, {@code GET /readyz},
 * {@code GET /metrics}, {@code GET /drain}, and {@code POST /drain[?wait=true]} with
 * {@code Authorization: Bearer <token>}.
 *
 * <p>PreStop listener (bound to 127.0.0.1, so only processes in the pod reach it): {@code POST
 * /drain[?wait=true]} and {@code GET /drain/wait} without a token, plus {@code GET /drain} and
 * {@code GET /healthz}.
 *
 * <p>A waiting drain request never blocks the event loop: its response is written when the drain's
 * future completes.
 */
@ChannelHandler.Sharable
final class AgentHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentHttpHandler.class);

    private final AgentApi api;
    private final Optional<BearerToken> token;
    private final boolean prestop;
    private final String prestopHint;

    AgentHttpHandler(AgentApi api, Optional<BearerToken> token, boolean prestop, String prestopHint) {
        this.api = api;
        this.token = token;
        this.prestop = prestop;
        this.prestopHint = prestopHint;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            HttpResponses.error(ctx, false, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String path = query.path();
        HttpMethod method = request.method();
        try {
            if (path.equals("/drain")) {
                if (method.equals(HttpMethod.GET)) {
                    HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, api.drainReport());
                } else if (method.equals(HttpMethod.POST)) {
                    postDrain(ctx, keepAlive, request, wantsWait(query));
                } else {
                    methodNotAllowed(ctx, keepAlive, "GET, POST");
                }
            } else if (path.equals("/drain/wait") && prestop) {
                if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.POST)) {
                    respondWhenDone(ctx, keepAlive, api.drain(DrainRequest.DEFAULTS));
                } else {
                    methodNotAllowed(ctx, keepAlive, "GET, POST");
                }
            } else if (path.equals("/healthz")) {
                HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK, "application/json", "{\"status\":\"up\"}", Map.of());
            } else if (path.equals("/report") && !prestop) {
                HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, api.report());
            } else if (path.equals("/readyz") && !prestop) {
                readyz(ctx, keepAlive);
            } else if (path.equals("/metrics") && !prestop) {
                HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                        api.metrics(), Map.of());
            } else {
                HttpResponses.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path);
            }
        } catch (RuntimeException e) {
            LOG.warn("HTTP {} {} failed", method, path, e);
            HttpResponses.error(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
        }
    }

    private void postDrain(ChannelHandlerContext ctx, boolean keepAlive, FullHttpRequest request, boolean wait) {
        if (!prestop) {
            if (token.isEmpty()) {
                HttpResponses.error(ctx, keepAlive, HttpResponseStatus.FORBIDDEN,
                        "drain is disabled on this port: no drain token is configured (set --drain-token-file, "
                                + "AGENT_DRAIN_TOKEN_FILE or AGENT_DRAIN_TOKEN); " + prestopHint);
                return;
            }
            if (!token.get().accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                HttpResponses.error(ctx, keepAlive, HttpResponseStatus.UNAUTHORIZED,
                        "missing or wrong bearer token", Map.of("WWW-Authenticate", "Bearer"));
                return;
            }
        }
        DrainRequest drainRequest;
        try {
            drainRequest = AgentDocuments.parseDrainRequest(request.content().toString(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        CompletableFuture<DrainReport> drain = api.drain(drainRequest);
        if (wait) {
            respondWhenDone(ctx, keepAlive, drain);
        } else {
            HttpResponses.json(ctx, keepAlive, HttpResponseStatus.ACCEPTED, api.drainReport());
        }
    }

    private static void respondWhenDone(ChannelHandlerContext ctx, boolean keepAlive, CompletableFuture<DrainReport> drain) {
        drain.whenComplete((report, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                HttpResponses.error(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, "drain aborted: " + failure);
            } else {
                HttpResponses.json(ctx, keepAlive,
                        report.phase().equals("done") ? HttpResponseStatus.OK : HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        report);
            }
        }));
    }

    private void readyz(ChannelHandlerContext ctx, boolean keepAlive) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean ready = api.ready();
        body.put("ready", ready);
        if (!ready) {
            body.put("reason", api.notReadyReason());
        }
        HttpResponses.send(ctx, keepAlive, ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                "application/json", AgentDocuments.write(body), Map.of());
    }

    private static boolean wantsWait(QueryStringDecoder query) {
        List<String> values = query.parameters().get("wait");
        if (values == null || values.isEmpty()) {
            return false;
        }
        String v = values.get(values.size() - 1);
        return v.isEmpty() || v.equalsIgnoreCase("true") || v.equals("1");
    }

    private static void methodNotAllowed(ChannelHandlerContext ctx, boolean keepAlive, String allow) {
        HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "allowed: " + allow,
                Map.of("Allow", allow));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
