package org.ottbalancer.balancer.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.balancer.config.MigrationConfig;
import org.ottbalancer.balancer.link.MonolithLink;
import org.ottbalancer.balancer.metrics.BalancerMetrics;
import org.ottbalancer.balancer.net.CloseCodes;
import org.ottbalancer.balancer.observe.StateEvents;
import org.ottbalancer.protocol.ClientHello;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.ProtocolException;
import org.ottbalancer.protocol.RoomName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one client WebSocket after the upgrade: waits for {@code auth}, asks the gateway to join,
 * then relays every frame to the monolith as {@code client_msg}.
 *
 * <p>Between {@code auth} and the end of the join the channel stops reading, so frames cannot
 * overtake the {@code join}; the few frames already decoded in that window are held in a small
 * bounded queue and relayed, in order, right after the join.
 */
public final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);
    private static final int MAX_FRAMES_WHILE_JOINING = 64;

    /**
     * AWAITING_AUTH until the first frame; JOINING while the join is on its way (reading paused);
     * JOINED while relaying; HOLDING while the client's room is frozen or moving (frames are kept,
     * in order and bounded, until the room is back); ENDED once the session is over.
     */
    private enum Phase { AWAITING_AUTH, JOINING, JOINED, HOLDING, ENDED }

    private final ClientGateway gateway;
    private final BalancerMetrics metrics;
    private final StateEvents events;
    private final Duration authTimeout;
    private final ClientSession session;
    private final ClientMessageFramer framer;
    private final MigrationConfig migration;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private long heldBytes;
    private Phase phase = Phase.AWAITING_AUTH;
    private ScheduledFuture<?> authDeadline;
    private ChannelHandlerContext ctx;
    /** Counts re-joins after moves, so that a release scheduled for an earlier one does nothing. */
    private int rejoins;
    /** Whether the latest re-join still waits for the new home's answer (its first message to this client). */
    private boolean awaitingAnswer;
    private ScheduledFuture<?> answerDeadline;

    public ClientHandler(ClientGateway gateway, BalancerMetrics metrics, StateEvents events, Duration authTimeout,
            io.netty.channel.Channel channel, RoomName room, String edgeRegion, int maxQueuedFrames,
            MigrationConfig migration) {
        this.gateway = gateway;
        this.metrics = metrics;
        this.events = events;
        this.authTimeout = authTimeout;
        this.migration = migration;
        UUID id = UUID.randomUUID();
        this.session = new ClientSession(id, room, edgeRegion, channel, metrics, maxQueuedFrames);
        this.framer = new ClientMessageFramer(id);
        this.session.handler(this);
        this.session.onEnd(() -> {
            if (channel.eventLoop().inEventLoop()) {
                end();
            } else {
                channel.eventLoop().execute(this::end);
            }
        });
    }

    public ClientSession session() {
        return session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        metrics.clientOpened();
        authDeadline = ctx.executor().schedule(() -> {
            if (phase == Phase.AWAITING_AUTH) {
                session.close(CloseCodes.NO_AUTH, CloseCodes.DID_NOT_SEND_AUTH, ClientSession.EndReason.CLIENT);
            }
        }, authTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        end();
    }

    private void end() {
        if (phase == Phase.ENDED) {
            return;
        }
        boolean joinedOrJoining = phase != Phase.AWAITING_AUTH;
        phase = Phase.ENDED;
        if (authDeadline != null) {
            authDeadline.cancel(false);
        }
        cancelAnswerDeadline();
        releaseHeld();
        metrics.clientClosed();
        if (joinedOrJoining) {
            gateway.ended(session);
        }
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
            } else if (frame instanceof PongWebSocketFrame) {
                // unsolicited pongs are allowed by RFC 6455 and carry nothing for us
            } else if (frame instanceof CloseWebSocketFrame close) {
                onClientClose(ctx, close);
            } else if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                onData(frame);
            }
        } finally {
            frame.release();
        }
    }

    private void onClientClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        session.endedBecause(ClientSession.EndReason.CLIENT);
        if (session.markCloseSent()) {
            // Echo the client's code as RFC 6455 asks, then close the TCP connection.
            int code = close.statusCode() < 0 ? CloseCodes.NORMAL : close.statusCode();
            ctx.writeAndFlush(CloseCodes.frame(ctx.alloc(), code, ""))
                    .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    private void onData(WebSocketFrame frame) {
        switch (phase) {
            case AWAITING_AUTH -> onFirstFrame(frame);
            case JOINING -> {
                if (held.size() >= MAX_FRAMES_WHILE_JOINING) {
                    session.close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, ClientSession.EndReason.CLIENT);
                } else {
                    held.add(frame.content().retain());
                }
            }
            case HOLDING -> holdForMove(frame.content());
            case JOINED -> relay(frame.content());
            case ENDED -> { }
        }
    }

    private void onFirstFrame(WebSocketFrame frame) {
        if (!(frame instanceof TextWebSocketFrame)) {
            // Upstream drops the connection silently here; a Close saying why is kinder to clients.
            session.close(CloseCodes.NO_AUTH, CloseCodes.DID_NOT_SEND_AUTH, ClientSession.EndReason.CLIENT);
            return;
        }
        ByteBuf content = frame.content();
        ClientHello hello;
        try {
            byte[] bytes = ByteBufUtil.getBytes(content);
            hello = ProtocolCodec.decodeClientHello(bytes, 0, bytes.length);
        } catch (ProtocolException e) {
            LOG.debug("{}: first frame unusable: {}", session, e.getMessage());
            session.close(CloseCodes.PROTOCOL_ERROR, CloseCodes.FAILED_TO_DESERIALIZE, ClientSession.EndReason.CLIENT);
            return;
        }
        if (hello instanceof ClientHello.Auth auth) {
            authDeadline.cancel(false);
            session.token(auth.token());
            phase = Phase.JOINING;
            // Stop reading until the join is done so that no frame can overtake the join.
            ctx.channel().config().setAutoRead(false);
            if (events.active()) {
                events.clientFrame(session.id(), session.room(), false);
            }
            gateway.join(session, this);
        } else {
            session.close(CloseCodes.NO_AUTH, CloseCodes.DID_NOT_SEND_AUTH, ClientSession.EndReason.CLIENT);
        }
    }

    /**
     * Called by the gateway (any thread) once {@code join} was sent to the client's monolith: the
     * frames held meanwhile go to that monolith, in order, then relaying resumes.
     */
    public void joined(ClientSession s) {
        ctx.executor().execute(() -> releaseHeldFrames(s));
    }

    /**
     * Called by the gateway (any thread) right before a moved client's {@code join} is sent to the
     * room's new home (decision 0031). Its held frames wait until that monolith has answered the
     * join (its first message addressed to this client: the {@code sync}), then
     * {@code migration.rejoin_grace} more. The new home broadcasts whatever it receives to the
     * room's members at that moment; the room's clients on every balancer re-join it at about the
     * same moment, and a monolith that is slow to complete joins (a JVM that has just started)
     * would otherwise get the held frames of one client before the other clients are in the room,
     * and they would miss them live. A join that is never answered releases the frames after
     * {@code migration.timeout}.
     *
     * <p>Armed before the join is written, this task runs on the client's event loop before the
     * answer can be seen there.
     */
    public void rejoining(ClientSession s) {
        ctx.executor().execute(() -> {
            if (phase == Phase.ENDED) {
                return;
            }
            int rejoin = ++rejoins;
            awaitingAnswer = true;
            cancelAnswerDeadline();
            answerDeadline = ctx.executor().schedule(() -> {
                if (rejoin == rejoins && awaitingAnswer) {
                    LOG.debug("{}: its new home did not answer the re-join within {}; releasing its held frames",
                            session, migration.timeout());
                    awaitingAnswer = false;
                    release(s, rejoin);
                }
            }, migration.timeout().toNanos(), TimeUnit.NANOSECONDS);
        });
    }

    /**
     * The client's monolith sent this client a message of its own (on the client's event loop).
     * After a re-join that is the new home's answer: the held frames follow after the grace.
     */
    void answeredByMonolith(ClientSession s) {
        if (!awaitingAnswer) {
            return;
        }
        awaitingAnswer = false;
        cancelAnswerDeadline();
        int rejoin = rejoins;
        long grace = migration.rejoinGrace().toNanos();
        if (grace == 0) {
            release(s, rejoin);
        } else {
            ctx.executor().schedule(() -> release(s, rejoin), grace, TimeUnit.NANOSECONDS);
        }
    }

    private void release(ClientSession s, int rejoin) {
        if (rejoin == rejoins) {
            releaseHeldFrames(s);
        }
    }

    private void cancelAnswerDeadline() {
        if (answerDeadline != null) {
            answerDeadline.cancel(false);
            answerDeadline = null;
        }
    }

    private void releaseHeldFrames(ClientSession s) {
        if (phase != Phase.JOINING && phase != Phase.HOLDING) {
            return;
        }
        // A release that comes late may find the client let go again (its new home's link
        // failed) or its room frozen, or a re-join not answered yet: then it holds, reading on
        // within the migration bounds, until the next release.
        if (awaitingAnswer || s.link() == null || (s.localRoom() != null && s.localRoom().frozen())) {
            phase = Phase.HOLDING;
            heldBytes = 0;
            for (ByteBuf b : held) {
                heldBytes += b.readableBytes();
            }
            ctx.channel().config().setAutoRead(true);
            return;
        }
        phase = Phase.JOINED;
        heldBytes = 0;
        ByteBuf frame;
        while ((frame = held.poll()) != null) {
            try {
                relay(frame);
            } finally {
                frame.release();
            }
        }
        ctx.channel().config().setAutoRead(true);
    }

    /**
     * Called by the gateway (any thread) when the client's room is frozen or has left its monolith:
     * from now on the client's frames are kept until {@link #joined} names the room's home again.
     */
    public void hold() {
        ctx.executor().execute(() -> {
            if (phase == Phase.JOINED) {
                phase = Phase.HOLDING;
            }
        });
    }

    private void holdForMove(ByteBuf json) {
        int n = json.readableBytes();
        if (held.size() >= migration.bufferFrames() || heldBytes + n > migration.bufferBytes()) {
            // Nothing is dropped silently: the client is told to reconnect, and knows its last
            // messages may not have arrived.
            metrics.migrationBufferOverflow();
            session.close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, ClientSession.EndReason.CLIENT);
            return;
        }
        held.add(json.retain());
        heldBytes += n;
    }

    private void relay(ByteBuf json) {
        MonolithLink link = session.link();
        if (link == null) {
            return;
        }
        try {
            RelayedJson.validate(json);
        } catch (ProtocolException e) {
            // Upstream drops frames that are not JSON; nothing that is not JSON may reach a monolith.
            LOG.debug("{}: dropped a frame that is not JSON: {}", session, e.getMessage());
            return;
        }
        if (events.active()) {
            events.clientFrame(session.id(), session.room(), false);
        }
        link.sendFrame(framer.wrap(ctx.alloc(), json));
    }

    private void releaseHeld() {
        ByteBuf b;
        while ((b = held.poll()) != null) {
            b.release();
        }
        heldBytes = 0;
    }

    /** A client that sent nothing (not even a ping) for {@code idle_timeout} is closed with 1000. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
            LOG.debug("{}: idle for longer than the idle timeout", session);
            session.close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, ClientSession.EndReason.CLIENT);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.endedBecause(ClientSession.EndReason.CLIENT);
        if (cause instanceof CorruptedWebSocketFrameException bad) {
            // The frame decoder has already sent 1002 (or 1009 for an oversized frame) and closes
            // the connection once that is written; only this connection ends.
            LOG.debug("{}: bad frame: {}", session, cause.getMessage());
            if (session.markCloseSent()) {
                metrics.closeCodeSent(bad.closeStatus().code());
            }
        } else if (cause instanceof TooLongFrameException) {
            // A fragmented message grew past the limit in the frame aggregator.
            LOG.debug("{}: message too big: {}", session, cause.getMessage());
            session.close(CloseCodes.MESSAGE_TOO_BIG, "message too big", ClientSession.EndReason.CLIENT);
        } else {
            LOG.debug("{}: connection error: {}", session, cause.toString());
            ctx.close();
        }
    }
}
