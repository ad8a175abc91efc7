package org.ottbalancer.balancer.http;

import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * The pipeline of one HTTP/2 stream: its frames become one {@code FullHttpRequest} (body bounded
 * by {@code max_http_body_bytes}, 413 beyond) that the same {@link FrontendHandler} as on
 * HTTP/1.1 routes and answers; the answer is written back on the stream. Streams are independent,
 * so there is no one-request-at-a-time ordering here.
 *
 * <p>The per-stream {@link RequestHeadTimeout} plays the role the connection's one plays on
 * HTTP/1.1 between request and response: {@code FrontendHandler} re-arms it with the keep-alive
 * time once it has answered or handed the request to the proxy, so a stream whose answer does not
 * come within that time is reset, as an HTTP/1.1 connection would be closed. It disarms itself
 * when the stream closes.
 *
 * <p>WebSocket cannot run over HTTP/2 here (no RFC 8441 extended CONNECT), and HTTP/2 forbids the
 * {@code Connection}/{@code Upgrade} headers an HTTP/1.1 upgrade needs; the frame codec rejects a
 * stream that carries them, and {@link Http2RequestCleanup} drops them should one get through. A
 * room request over HTTP/2 is therefore always proxied like a non-upgrade room request, and
 * {@code /api/state/stream} answers 400 "expected websocket connection".
 */
final class Http2StreamInitializer extends ChannelInitializer<Http2StreamChannel> {
    private final FrontendHandler.Context context;
    private final Http2ConnectionDeadlines deadlines;

    Http2StreamInitializer(FrontendHandler.Context context, Http2ConnectionDeadlines deadlines) {
        this.context = context;
        this.deadlines = deadlines;
    }

    @Override
    protected void initChannel(Http2StreamChannel stream) {
        deadlines.streamOpened(stream);
        RequestHeadTimeout answerDeadline = new RequestHeadTimeout(context.limits().httpHandshakeTimeout(),
                FrontendInitializer.KEEP_ALIVE_IDLE);
        stream.pipeline()
                .addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true))
                .addLast("h2-request-cleanup", Http2RequestCleanup.INSTANCE)
                .addLast(FrontendInitializer.HEAD_TIMEOUT, answerDeadline)
                .addLast("aggregator", new HttpObjectAggregator(context.limits().maxHttpBodyBytes()))
                .addLast("frontend", new FrontendHandler(context, answerDeadline));
    }
}
