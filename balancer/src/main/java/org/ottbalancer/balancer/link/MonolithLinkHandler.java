package org.ottbalancer.balancer.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.balancer.client.ClientSession;
import org.ottbalancer.balancer.metrics.BalancerMetrics;
import org.ottbalancer.balancer.net.CloseCodes;
import org.ottbalancer.balancer.observe.StateEvents;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.ProtocolException;
import org.ottbalancer.protocol.RawJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monolith link after its WebSocket upgrade: the {@code init} handshake, then every frame the
 * monolith sends.
 *
 * <p>Client-bound traffic ({@code room_msg}, {@code kick}) is handled right here on the link's event
 * loop: a broadcast is decoded once and its payload fanned out as retained duplicates of one buffer,
 * and the client-bound frames of one read burst are handed to the clients' event loops together.
 * Room-state messages go to the {@link LinkListener} in arrival order.
 */
final class MonolithLinkHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MonolithLinkHandler.class);

    private final MonolithConnector connector;
    private final LinkListener listener;
    private final ClientDirectory clients;
    private final BalancerMetrics metrics;
    private final StateEvents events;
    private final UUID balancerId;
    private final long initTimeoutNanos;
    private final long sendTimeoutNanos;
    private final long queueBytes;
    private ScheduledFuture<?> initDeadline;
    private ScheduledFuture<?> stallCheck;
    private MonolithLink link;
    private DeliveryBatch batch;
    private boolean closing;

    MonolithLinkHandler(MonolithConnector connector, LinkListener listener, ClientDirectory clients,
            BalancerMetrics metrics, StateEvents events, UUID balancerId, long initTimeoutNanos,
            long sendTimeoutNanos, long queueBytes) {
        this.connector = connector;
        this.listener = listener;
        this.clients = clients;
        this.metrics = metrics;
        this.events = events;
        this.balancerId = balancerId;
        this.initTimeoutNanos = initTimeoutNanos;
        this.sendTimeoutNanos = sendTimeoutNanos;
        this.queueBytes = queueBytes;
    }

    /** Called once the WebSocket upgrade succeeded: send our {@code init} and wait for theirs. */
    void upgraded(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(ProtocolCodec.encode(new B2M.Init(balancerId)))))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        LOG.warn("could not send init to {}: {}", connector.endpoint(), f.cause().toString());
                    }
                });
        initDeadline = ctx.executor().schedule(
                () -> fail(ctx, CloseCodes.FAILED_TO_JOIN, CloseCodes.DID_NOT_SEND_INIT, "no init within the deadline"),
                initTimeoutNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof CloseWebSocketFrame) {
                closing = true;
                ctx.close();
            } else if (frame instanceof BinaryWebSocketFrame && link == null) {
                // Upstream drops a monolith whose first frame is not text; so do we (and dial again later).
                LOG.warn("handshake with {} failed: first frame was binary", connector.endpoint());
                closing = true;
                ctx.close();
            } else if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                onMessage(ctx, frame.content());
            }
        } finally {
            frame.release();
        }
    }

    private void onMessage(ChannelHandlerContext ctx, ByteBuf content) {
        if (closing) {
            return;
        }
        byte[] bytes;
        int offset;
        int length = content.readableBytes();
        if (content.hasArray()) {
            bytes = content.array();
            offset = content.arrayOffset() + content.readerIndex();
        } else {
            bytes = ByteBufUtil.getBytes(content);
            offset = 0;
        }
        M2B message;
        try {
            message = ProtocolCodec.decodeM2B(bytes, offset, length);
        } catch (ProtocolException e) {
            if (link == null) {
                fail(ctx, CloseCodes.PROTOCOL_ERROR, CloseCodes.FAILED_TO_DESERIALIZE, e.getMessage());
            } else {
                LOG.warn("dropped an invalid message from {}: {}", link, e.getMessage());
            }
            return;
        }
        if (link == null) {
            onFirstMessage(ctx, message);
            return;
        }
        if (events.active()) {
            events.monolithFrame(link.id(), false);
        }
        if (message instanceof M2B.Freeze || message instanceof M2B.Unfreeze || message instanceof M2B.Status) {
            // Recorded here, on the link's own thread, so that a kick right behind the first
            // extension message is already judged as coming through an agent.
            link.agentSeen();
        }
        if (message instanceof M2B.RoomMsg roomMsg) {
            deliver(roomMsg, content, bytes);
            return;
        }
        // Whatever else comes (a kick, a room change) must not overtake the messages before it.
        batch.dispatch();
        if (message instanceof M2B.Kick kick) {
            kick(kick);
        } else if (message instanceof M2B.Init) {
            LOG.warn("ignored an init from {} after the handshake", link);
        } else {
            listener.roomState(link, message);
        }
    }

    private void onFirstMessage(ChannelHandlerContext ctx, M2B message) {
        if (!(message instanceof M2B.Init init)) {
            fail(ctx, CloseCodes.PROTOCOL_ERROR, CloseCodes.DID_NOT_SEND_INIT, "first message was " + message.type());
            return;
        }
        initDeadline.cancel(false);
        link = new MonolithLink(init.id(), init.region(), init.port(), connector.host(), connector.endpoint(),
                ctx.channel(), metrics.monolith(init.id().toString()), sendTimeoutNanos, queueBytes);
        batch = new DeliveryBatch(ctx.channel().eventLoop());
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), sendTimeoutNanos / 4);
        stallCheck = ctx.executor().scheduleAtFixedRate(() -> link.checkStalled(System.nanoTime()),
                period, period, TimeUnit.NANOSECONDS);
        LOG.info("linked to {}", link);
        listener.linkUp(link, connector);
    }

    private void fail(ChannelHandlerContext ctx, int code, String reason, String why) {
        if (closing) {
            return;
        }
        closing = true;
        LOG.warn("handshake with {} failed: {}", connector.endpoint(), why);
        ctx.writeAndFlush(CloseCodes.frame(ctx.alloc(), code, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    private void deliver(M2B.RoomMsg msg, ByteBuf frameContent, byte[] decodedFrom) {
        RawJson payload = msg.payload();
        ByteBuf shared = payloadBuffer(frameContent, decodedFrom, payload);
        try {
            if (msg.clientId().isPresent()) {
                ClientSession client = clients.client(msg.clientId().get());
                // A client that has moved on belongs to another monolith now; late messages from
                // the one it left must not reach it.
                if (client != null && client.link() == link) {
                    ByteBuf forClient = shared.retainedDuplicate();
                    if (client.accept(forClient)) {
                        batch.addAddressed(client, forClient);
                    }
                    if (events.active()) {
                        events.clientFrame(client.id(), client.room(), true);
                    }
                }
                return;
            }
            LocalRoom room = link.rooms().get(msg.room());
            if (room == null) {
                return;
            }
            long start = System.nanoTime();
            fanOut(room, shared);
            metrics.clientSendTimer().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (events.active()) {
                events.broadcast(msg.room());
            }
        } finally {
            shared.release();
        }
    }

    /**
     * Sends one broadcast to the room's clients on this balancer: every open client accepts the
     * frame now and gets it with the rest of this read burst (see {@link DeliveryBatch}), so a
     * broadcast costs one hand-over per event loop, not one per client, and each client is flushed
     * once per burst.
     */
    private void fanOut(LocalRoom room, ByteBuf shared) {
        for (ClientSession client : room.clients()) {
            if (client.isOpen()) {
                batch.add(client, shared.retainedDuplicate());
            }
        }
    }

    /**
     * One buffer holding the payload: a slice of the received frame when it lives on the heap,
     * otherwise a wrap of the bytes that were copied out for decoding. Either way no further copy
     * is made per client.
     */
    private static ByteBuf payloadBuffer(ByteBuf frameContent, byte[] decodedFrom, RawJson payload) {
        if (frameContent.hasArray() && decodedFrom == frameContent.array()) {
            int base = frameContent.arrayOffset();
            return frameContent.retainedSlice(payload.offset() - base, payload.length());
        }
        return Unpooled.wrappedBuffer(payload.array(), payload.offset(), payload.length());
    }

    private void kick(M2B.Kick kick) {
        ClientSession client = clients.client(kick.clientId());
        if (client == null || client.link() != link) {
            LOG.debug("kick for a client {} that is not on {}", kick.clientId(), link);
            return;
        }
        if (listener.movesOnKick(link, kick.reason())) {
            listener.clientLetGo(link, client);
            return;
        }
        client.close(CloseCodes.forKick(kick.reason()), "", ClientSession.EndReason.KICKED);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (batch != null) {
            batch.dispatch();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (link != null) {
            if (ctx.channel().isWritable()) {
                link.writable();
            } else {
                link.unwritable();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (initDeadline != null) {
            initDeadline.cancel(false);
        }
        if (stallCheck != null) {
            stallCheck.cancel(false);
        }
        if (batch != null) {
            batch.dispatch();
        }
        if (link != null) {
            LOG.info("lost link to {}", link);
            listener.linkDown(link);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("link to {} failed: {}", link != null ? link : connector.endpoint(), cause.toString());
        ctx.close();
    }
}
