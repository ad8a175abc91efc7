package org.ottbalancer.balancer.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an HTTP/2 connection, where {@link FrontendHandler} sits on HTTP/1.1: a
 * connection-level failure the frame codec did not turn into a GOAWAY itself (typically the client
 * resetting the socket) closes the connection quietly instead of reaching the pipeline's tail,
 * which would log a warning for something as ordinary as a browser going away.
 */
@ChannelHandler.Sharable
final class Http2ConnectionErrors extends ChannelInboundHandlerAdapter {
    static final Http2ConnectionErrors INSTANCE = new Http2ConnectionErrors();
    private static final Logger LOG = LoggerFactory.getLogger(Http2ConnectionErrors.class);

    private Http2ConnectionErrors() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP/2 connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
