package org.ottbalancer.balancer.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Turns a client's request into the request sent to a monolith. Upstream copies every header
 * verbatim; this version deliberately strips hop-by-hop headers and adds the de-facto
 * {@code X-Forwarded-*} headers, so the monolith can tell who the client is.
 */
final class ForwardedRequests {
    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private ForwardedRequests() {
    }

    /**
     * The headers to send upstream.
     *
     * @param original the client's request headers (not modified)
     * @param clientAddress the client connection's remote address; only an IP address is added to
     *     {@code X-Forwarded-For}, other address kinds (tests' local channels) add nothing
     * @param target where the request goes, used for {@code Host} only if the client sent none
     *     (HTTP/1.0 clients may omit it, but the monolith speaks HTTP/1.1, which requires it)
     * @param bodyLength length of the body that will be sent
     */
    static HttpHeaders upstreamHeaders(HttpHeaders original, SocketAddress clientAddress, ProxyTarget target, int bodyLength) {
        HttpHeaders out = new DefaultHttpHeaders();
        HopByHopHeaders.copyEndToEnd(original, out);
        String host = original.get(HttpHeaderNames.HOST);
        if (host == null) {
            out.set(HttpHeaderNames.HOST, hostHeader(target));
        }
        String clientIp = ipOf(clientAddress);
        if (clientIp != null) {
            String prior = String.join(", ", out.getAll(X_FORWARDED_FOR));
            out.set(X_FORWARDED_FOR, prior.isBlank() ? clientIp : prior + ", " + clientIp);
        }
        if (!out.contains(X_FORWARDED_PROTO)) {
            out.set(X_FORWARDED_PROTO, "http");
        }
        if (host != null && !out.contains(X_FORWARDED_HOST)) {
            out.set(X_FORWARDED_HOST, host);
        }
        // The front end aggregated the body, so its length is known; a GET without a body keeps
        // its original framing (no Content-Length invented).
        if (bodyLength > 0 || out.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            out.set(HttpHeaderNames.CONTENT_LENGTH, bodyLength);
        }
        return out;
    }

    /**
     * One attempt's request. HTTP/1.1 upstream whatever the client spoke, because only that keeps
     * the pooled connection open by default. The body is a retained duplicate so that a retry can
     * send it again; the caller keeps ownership of {@code body}.
     */
    static FullHttpRequest attempt(FullHttpRequest original, HttpHeaders upstreamHeaders, ByteBuf body) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, original.method(), original.uri(),
                body.retainedDuplicate(), upstreamHeaders.copy(), EmptyHttpHeaders.INSTANCE);
    }

    static String hostHeader(ProxyTarget target) {
        String host = target.host();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + target.port();
    }

    private static String ipOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return NetUtil.toAddressString(inet.getAddress());
        }
        return null;
    }
}
