package org.ottbalancer.agent.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import org.ottbalancer.agent.tracking.FrameSniffer;
import org.ottbalancer.agent.tracking.Sniffed;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monolith's half of a relay: frames from the monolith go to the balancer unchanged. Right
 * after the monolith's {@code init} the link greeter's extension messages follow it (the drain
 * state and frozen rooms), never before, because a balancer requires {@code init} first.
 */
final class MonolithSideHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MonolithSideHandler.class);

    private final RelayLink link;
    private final RelayContext relay;

    MonolithSideHandler(RelayLink link, RelayContext relay) {
        this.link = link;
        this.relay = relay;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            if (!link.balancer().isActive()) {
                ctx.close();
                return;
            }
            link.monolithUp();
            relay.linkOpened(link);
            return;
        }
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            LOG.warn("the monolith at {} did not complete the WebSocket handshake", relay.dialer().endpoint());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            relay.counters().toBalancer(frame.content().readableBytes());
            Sniffed sniffed = FrameSniffer.fromMonolith(frame.content());
            relay.tracker().apply(link.id(), sniffed, System.nanoTime());
            link.balancer().write(frame);
            if (sniffed instanceof Sniffed.MonolithInit && !link.initRelayed()) {
                link.markInitRelayed();
                for (M2B greeting : relay.greeter().afterInit()) {
                    link.balancer().write(new TextWebSocketFrame(Unpooled.wrappedBuffer(ProtocolCodec.encode(greeting))));
                }
            }
        } else if (msg instanceof CloseWebSocketFrame close) {
            link.closeFrom(ctx.channel(), close);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        link.balancer().flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // The monolith cannot keep up with the balancer: stop reading the balancer until it can.
        if (link.monolithReady()) {
            link.balancer().config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        link.closeBoth();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("monolith link for balancer {} failed: {}", link.balancer().remoteAddress(), cause.toString());
        ctx.close();
    }
}
