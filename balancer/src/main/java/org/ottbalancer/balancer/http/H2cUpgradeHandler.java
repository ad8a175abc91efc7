package org.ottbalancer.balancer.http;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.util.AsciiString;

/**
 * Honours {@code Upgrade: h2c} on the first HTTP/1.1 request of a connection (101, then HTTP/2)
 * and steps out of the way of everything else.
 *
 * <p>Only requests that name {@code h2c} are held back and aggregated here; every other request,
 * WebSocket upgrades included, passes on untouched to the HTTP/1.1 handlers. The handler removes
 * itself after the first request, so from then on the connection's pipeline is exactly the plain
 * HTTP/1.1 one (the WebSocket handshake, which removes the first {@code HttpObjectAggregator} it
 * finds, must find the real aggregator and not this subclass of it).
 */
final class H2cUpgradeHandler extends HttpServerUpgradeHandler {
    private static final AsciiString H2C = AsciiString.of(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME);

    H2cUpgradeHandler(HttpServerCodec codec, UpgradeCodecFactory h2c, int maxBodyBytes) {
        super(codec, h2c, maxBodyBytes, DefaultHttpHeadersFactory.headersFactory(),
                DefaultHttpHeadersFactory.trailersFactory(), true);
    }

    @Override
    protected boolean shouldHandleUpgradeRequest(HttpRequest req) {
        String upgrade = req.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade == null) {
            return false;
        }
        for (String protocol : upgrade.split(",")) {
            if (H2C.contentEqualsIgnoreCase(protocol.trim())) {
                return true;
            }
        }
        return false;
    }
}
