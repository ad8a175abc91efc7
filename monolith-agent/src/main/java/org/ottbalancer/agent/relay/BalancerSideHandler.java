package org.ottbalancer.agent.relay;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.ottbalancer.agent.tracking.FrameSniffer;
import org.ottbalancer.agent.tracking.RoomTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The balancer's half of a relay. When the balancer's WebSocket upgrade completes it stops reading
 * and dials the monolith; frames already read are queued and released once the monolith link is up,
 * so the monolith sees exactly the balancer's frames, in order, starting with its {@code init}.
 */
final class BalancerSideHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BalancerSideHandler.class);

    private final RelayContext relay;
    private RelayLink link;

    BalancerSideHandler(RelayContext relay) {
        this.relay = relay;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.channel().config().setAutoRead(false);
            link = new RelayLink(relay.nextLinkId(), ctx.channel());
            MonolithSideHandler monolithSide = new MonolithSideHandler(link, relay);
            ChannelFuture dialled = relay.dialer().dial(ctx.channel().eventLoop(), monolithSide);
            link.monolithDialled(dialled.channel());
            dialled.addListener(f -> {
                if (!f.isSuccess()) {
                    LOG.warn("cannot reach the monolith at {} for balancer {}: {}", relay.dialer().endpoint(),
                            ctx.channel().remoteAddress(), f.cause().toString());
                    link.closeBoth();
                }
            });
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (link == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            WebSocketFrame frame = (WebSocketFrame) msg;
            relay.counters().toMonolith(frame.content().readableBytes());
            relay.tracker().apply(link.id(), FrameSniffer.fromBalancer(frame.content()), System.nanoTime());
            link.fromBalancer(frame);
        } else if (msg instanceof CloseWebSocketFrame close) {
            link.closeFrom(ctx.channel(), close);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (link != null && link.monolithReady()) {
            link.monolith().flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // The balancer cannot keep up with the monolith: stop reading the monolith until it can.
        if (link != null && link.monolithReady()) {
            link.monolith().config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (link != null) {
            relay.linkClosed(link);
            link.closeBoth();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("balancer link {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
