package org.ottbalancer.balancer.dashboard;


import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import org.ottbalancer.balancer.http.Responses;

/**
 * The dashboard's HTTP answers. Every one carries a Content-Security-Policy that lets the page
 * load only its own files and talk only to this balancer (no inline script or style, no other
 * origin), and is never to be framed; the snapshot is never cached, the files are revalidated
 * with their ETag.
 */
final class DashboardResponses {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";

    private DashboardResponses() {
    }

    static void asset(ChannelHandlerContext ctx, FullHttpRequest req, DashboardAssets.Asset asset) {
        String ifNoneMatch = req.headers().get(HttpHeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, asset.etag())) {
            FullHttpResponse res = response(req, HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER, null);
            res.headers().set(HttpHeaderNames.ETAG, asset.etag()).set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            Responses.write(ctx, req, res);
            return;
        }
        FullHttpResponse res = response(req, HttpResponseStatus.OK, Unpooled.wrappedBuffer(asset.body()), asset.contentType());
        res.headers().set(HttpHeaderNames.ETAG, asset.etag()).set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        Responses.write(ctx, req, res);
    }

    static void snapshot(ChannelHandlerContext ctx, FullHttpRequest req, byte[] json) {
        FullHttpResponse res = response(req, HttpResponseStatus.OK, Unpooled.wrappedBuffer(json), JSON);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        Responses.write(ctx, req, res);
    }

    static void unauthorized(ChannelHandlerContext ctx, FullHttpRequest req) {
        FullHttpResponse res = response(req, HttpResponseStatus.UNAUTHORIZED,
                utf8("{\"error\":\"missing or wrong API key: send Authorization: Bearer <api_key>; "
                        + "a balancer without api_key serves no dashboard data\"}"), JSON);
        res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"ott-balancer\"")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        Responses.write(ctx, req, res);
    }

    static void notFound(ChannelHandlerContext ctx, FullHttpRequest req) {
        Responses.write(ctx, req, response(req, HttpResponseStatus.NOT_FOUND, utf8("not found"), TEXT));
    }

    static void methodNotAllowed(ChannelHandlerContext ctx, FullHttpRequest req) {
        FullHttpResponse res = response(req, HttpResponseStatus.METHOD_NOT_ALLOWED, utf8("method not allowed"), TEXT);
        res.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        Responses.write(ctx, req, res);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static ByteBuf utf8(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A response with the security headers and the body's length; a HEAD request gets the
     * length of the body it would have had, and no body.
     */
    private static FullHttpResponse response(FullHttpRequest req, HttpResponseStatus status, ByteBuf body, String contentType) {
        int length = body.readableBytes();
        boolean head = req.method().equals(HttpMethod.HEAD);
        FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), status, head ? Unpooled.EMPTY_BUFFER : body);
        HttpHeaders h = res.headers();
        if (contentType != null) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (status != HttpResponseStatus.NOT_MODIFIED) {
            HttpUtil.setContentLength(res, length);
        }
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        return res;
    }
}
