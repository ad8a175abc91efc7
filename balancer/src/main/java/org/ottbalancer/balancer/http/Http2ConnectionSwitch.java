package org.ottbalancer.balancer.http;

import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * Turns a browser connection's pipeline from HTTP/1.1 into HTTP/2 at the point where it is added:
 * installs the frame codec (prior knowledge; after {@code Upgrade: h2c} the upgrade codec has
 * already done so) and the stream multiplexer, and removes the handlers that serve HTTP/1.1
 * requests on the connection itself, since each HTTP/2 stream gets its own (see
 * {@link Http2StreamInitializer}), ending the pipeline with {@link Http2ConnectionErrors} instead.
 * The request-head deadline stays until the first stream opens
 * ({@link Http2ConnectionDeadlines}), so a client that sends the preface and then nothing is
 * still closed in time. Removes itself once done.
 */
final class Http2ConnectionSwitch extends ChannelHandlerAdapter {
    private final Http2Frontend h2;
    private final boolean installFrameCodec;

    Http2ConnectionSwitch(Http2Frontend h2, boolean installFrameCodec) {
        this.h2 = h2;
        this.installFrameCodec = installFrameCodec;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        String anchor = ctx.name();
        if (installFrameCodec) {
            p.addAfter(anchor, FrontendInitializer.H2_CODEC, h2.frameCodec());
            anchor = FrontendInitializer.H2_CODEC;
        }
        p.addAfter(anchor, FrontendInitializer.H2_STREAMS, h2.multiplexer(ctx.channel()));
        for (String name : FrontendInitializer.HTTP1_REQUEST_HANDLERS) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
        p.addLast("h2-errors", Http2ConnectionErrors.INSTANCE);
        p.remove(this);
    }
}
