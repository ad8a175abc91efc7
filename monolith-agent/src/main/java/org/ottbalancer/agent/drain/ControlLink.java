package org.ottbalancer.agent.drain;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ottbalancer.agent.relay.MonolithDialer;
import org.ottbalancer.agent.tracking.FrameSniffer;
import org.ottbalancer.agent.tracking.RoomTracker;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.ProtocolCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own link to the monolith, opened only during a drain when no balancer link is
 * relayed: it introduces itself like a balancer ({@code init} with the agent's id), which makes the
 * monolith send its full gossip, and carries the drain's {@code unload}s. What the monolith sends
 * on it feeds the tracker like any relayed link.
 */
final class ControlLink {
    private static final Logger LOG = LoggerFactory.getLogger(ControlLink.class);

    private final MonolithDialer dialer;
    private final EventLoopGroup group;
    private final RoomTracker tracker;
    private final UUID agentId;
    private final Runnable onChange;
    private final List<B2M> queued = new ArrayList<>();
    private Channel channel;
    private boolean ready;
    private boolean unreachable;
    private boolean wanted;

    ControlLink(MonolithDialer dialer, EventLoopGroup group, RoomTracker tracker, UUID agentId, Runnable onChange) {
        this.dialer = dialer;
        this.group = group;
        this.tracker = tracker;
        this.agentId = agentId;
        this.onChange = onChange;
    }

    /** Dials unless a link is open or being opened. */
    synchronized void ensureOpen() {
        wanted = true;
        if (channel != null) {
            return;
        }
        ChannelFuture f = dialer.dial(group.next(), new Handler());
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.warn("drain cannot open a control link to the monolith at {}: {}", dialer.endpoint(),
                        done.cause().toString());
                synchronized (this) {
                    unreachable = true;
                }
                onChange.run();
            }
        });
    }

    /** Sends now if the link is up, otherwise after its handshake (opening it if needed). */
    void send(B2M message) {
        Channel ch;
        synchronized (this) {
            if (!ready) {
                queued.add(message);
                ch = null;
            } else {
                ch = channel;
            }
        }
        if (ch == null) {
            ensureOpen();
            return;
        }
        write(ch, message);
    }

    /** The last dial failed (cleared by the next successful handshake). */
    synchronized boolean unreachable() {
        return unreachable;
    }

    synchronized void close() {
        wanted = false;
        queued.clear();
        if (channel != null) {
            channel.close();
        }
    }

    private static void write(Channel ch, B2M message) {
        ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(ProtocolCodec.encode(message))));
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                List<B2M> toSend;
                synchronized (ControlLink.this) {
                    if (!wanted) {
                        ctx.close();
                        return;
                    }
                    ready = true;
                    unreachable = false;
                    toSend = new ArrayList<>(queued);
                    queued.clear();
                }
                write(ctx.channel(), new B2M.Init(agentId));
                for (B2M m : toSend) {
                    write(ctx.channel(), m);
                }
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof CloseWebSocketFrame) {
                    ctx.close();
                } else if (msg instanceof WebSocketFrame frame) {
                    tracker.apply(RoomTracker.CONTROL_LINK, FrameSniffer.fromMonolith(frame.content()), System.nanoTime());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            synchronized (ControlLink.this) {
                if (channel == ctx.channel()) {
                    // Closed before its handshake completed: the balancing port does not take links.
                    unreachable |= !ready && wanted;
                    channel = null;
                    ready = false;
                }
            }
            onChange.run();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("control link failed: {}", cause.toString());
            ctx.close();
        }
    }
}
