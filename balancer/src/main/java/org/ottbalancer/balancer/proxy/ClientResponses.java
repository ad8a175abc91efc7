package org.ottbalancer.balancer.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds what the client gets back: the monolith's answer or the proxy's own error. */
final class ClientResponses {
    static final String ERROR_TEXT = "error proxying request";
    static final String TIMEOUT_TEXT = "error proxying request: monolith did not answer in time";
    static final String OVERLOADED_TEXT = "error proxying request: too many requests waiting for the monolith";

    private ClientResponses() {
    }

    /**
     * The monolith's response re-framed for the client's connection. Takes ownership of
     * {@code upstream}'s content, which becomes the returned response's content.
     *
     * @param requestMethod decides whether {@code Content-Length} describes the body (it does not
     *     for HEAD, where it is the length the monolith would have sent)
     */
    static FullHttpResponse relay(FullHttpResponse upstream, HttpMethod requestMethod, HttpVersion clientVersion, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(clientVersion, upstream.status(), upstream.content());
        HopByHopHeaders.copyEndToEnd(upstream.headers(), out.headers());
        int code = upstream.status().code();
        if (code == 204 || code < 200) {
            out.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        } else if (!HttpMethod.HEAD.equals(requestMethod) && code != 304) {
            HttpUtil.setContentLength(out, out.content().readableBytes());
        }
        HttpUtil.setKeepAlive(out, keepAlive);
        return out;
    }

    /** A short plain-text error produced by the proxy itself. */
    static FullHttpResponse error(HttpResponseStatus status, String text, HttpVersion clientVersion, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(clientVersion, status,
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8");
        HttpUtil.setContentLength(out, out.content().readableBytes());
        HttpUtil.setKeepAlive(out, keepAlive);
        return out;
    }
}
