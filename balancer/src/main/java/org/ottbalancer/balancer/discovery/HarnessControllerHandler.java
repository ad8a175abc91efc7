package org.ottbalancer.balancer.discovery;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The end of one harness controller connection's pipeline: hands its events to the discoverer. */
final class HarnessControllerHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(HarnessControllerHandler.class);

    private final HarnessDiscoverer discoverer;

    HarnessControllerHandler(HarnessDiscoverer discoverer) {
        this.discoverer = discoverer;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            discoverer.controllerConnected(ctx.channel());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            discoverer.controllerFrame(ctx.channel(), text.text());
        } else {
            log.warn("harness controller {} sent a {}; only text frames carry monolith lists, ignoring it",
                    ctx.channel().remoteAddress(), frame.getClass().getSimpleName());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        discoverer.controllerDisconnected(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Only this connection is affected; the listener keeps accepting controllers.
        log.warn("harness controller connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
