package org.ottbalancer.balancer.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler.UpgradeCodec;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.AsciiString;

/**
 * Builds the cleartext HTTP/2 side of browser connections: the frame codec with the balancer's
 * limits, the stream multiplexer, and the two ways in (prior knowledge, {@code Upgrade: h2c}).
 * Nothing is built for a connection until it actually turns out to speak HTTP/2, so HTTP/1.1
 * connections pay nothing for it. One instance serves all connections.
 *
 * <p>Limits: at most {@value #MAX_CONCURRENT_STREAMS} concurrent streams per connection (Netty
 * refuses further ones with REFUSED_STREAM, even before the client acknowledged our SETTINGS), a
 * decoded header list of at most {@value #MAX_HEADER_LIST_BYTES} bytes (the HTTP/1.1 side's header
 * limit; Netty answers 431 beyond it), and per stream the same body limit as HTTP/1.1
 * ({@code max_http_body_bytes}, 413 beyond it, see {@link Http2StreamInitializer}).
 */
final class Http2Frontend {
    static final int MAX_CONCURRENT_STREAMS = 100;
    static final int MAX_HEADER_LIST_BYTES = 16 * 1024;
    private static final AsciiString H2C = AsciiString.of(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME);

    private final FrontendHandler.Context context;

    Http2Frontend(FrontendHandler.Context context) {
        this.context = context;
    }

    /** What to install when a connection opens with the HTTP/2 preface. */
    ChannelHandler priorKnowledge() {
        return new Http2ConnectionSwitch(this, true);
    }

    /** The upgrade codec for {@code Upgrade: h2c}; null (no upgrade) for any other protocol. */
    UpgradeCodec upgradeCodec(CharSequence protocol) {
        if (!H2C.contentEqualsIgnoreCase(protocol)) {
            return null;
        }
        return new Http2ServerUpgradeCodec(frameCodec(), new Http2ConnectionSwitch(this, false));
    }

    Http2FrameCodec frameCodec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                        .maxHeaderListSize(MAX_HEADER_LIST_BYTES))
                .validateHeaders(true)
                .build();
    }

    Http2MultiplexHandler multiplexer(Channel connection) {
        return new Http2MultiplexHandler(new Http2StreamInitializer(context,
                new Http2ConnectionDeadlines(connection, FrontendInitializer.KEEP_ALIVE_IDLE)));
    }
}
