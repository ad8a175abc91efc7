package org.ottbalancer.balancer.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ottbalancer.balancer.link.LocalRoom;
import org.ottbalancer.balancer.link.MonolithLink;
import org.ottbalancer.balancer.metrics.BalancerMetrics;
import org.ottbalancer.balancer.net.CloseCodes;
import org.ottbalancer.protocol.RoomName;

/**
 * One client WebSocket: who it is, which room on which monolith it joined, and its bounded
 * outbound queue.
 *
 * <p>Messages for the client are accepted on monolith links' event loops and written on the
 * client's own. The queue is bounded in frames and, through the channel's write-buffer water mark,
 * in bytes; a client that falls behind either bound is disconnected (1000) instead of slowing the
 * room down or growing memory.
 */
public final class ClientSession {
    static final AttributeKey<ClientSession> KEY = AttributeKey.valueOf(ClientSession.class, "session");

    /** Why a session ended; decides whether the monolith must be told with {@code leave}. */
    public enum EndReason {
        /** The client closed, its socket failed, or it fell behind. */
        CLIENT,
        /** The monolith kicked the client; it has already forgotten it. */
        KICKED,
        /** The monolith link was lost; the monolith drops the link's clients itself. */
        LINK_LOST,
        /** The monolith unloaded the room; it has already dropped the room's clients. */
        ROOM_UNLOADED,
        /** The balancer moved the room's ownership away (duplicate resolution). */
        ROOM_REPLACED,
        /** The room found no new home in time while the client was held. */
        MIGRATION_FAILED,
        /** The balancer is shutting down. */
        SHUTDOWN
    }

    /** How long a Close frame may wait for a client that does not read before the socket is cut. */
    static final long CLOSE_GRACE_SECONDS = 30;

    /** How long the client may take to answer our Close before the connection is closed anyway. */
    static final long CLOSE_REPLY_GRACE_MILLIS = 2000;


    private final UUID id;
    private final RoomName room;
    private final String edgeRegion;
    private final Channel channel;
    private final BalancerMetrics metrics;
    private final int maxQueuedFrames;
    private final AtomicBoolean closeSent = new AtomicBoolean();
    private volatile String token;
    private volatile MonolithLink link;
    private volatile LocalRoom localRoom;
    private volatile EndReason endReason;
    private volatile Runnable onEnd = () -> { };
    private ClientHandler handler;

    ClientSession(UUID id, RoomName room, String edgeRegion, Channel channel, BalancerMetrics metrics, int maxQueuedFrames) {
        this.id = id;
        this.room = room;
        this.edgeRegion = edgeRegion;
        this.channel = channel;
        this.metrics = metrics;
        this.maxQueuedFrames = maxQueuedFrames;
        channel.attr(KEY).set(this);
    }

    public UUID id() {
        return id;
    }

    public RoomName room() {
        return room;
    }

    public String edgeRegion() {
        return edgeRegion;
    }

    public String token() {
        return token;
    }

    void token(String t) {
        token = t;
    }

    public Channel channel() {
        return channel;
    }

    /** The monolith link the client joined through; null before the join and after it ended. */
    public MonolithLink link() {
        return link;
    }

    public LocalRoom localRoom() {
        return localRoom;
    }

    /** Binds the client to the room on a monolith (control thread, before {@code join} is sent). */
    public void bind(MonolithLink l, LocalRoom r) {
        link = l;
        localRoom = r;
    }

    public EndReason endReason() {
        return endReason;
    }

    /** Records the first reason the session ended for; later reasons are ignored. */
    public void endedBecause(EndReason reason) {
        if (endReason == null) {
            endReason = reason;
        }
    }

    void handler(ClientHandler h) {
        handler = h;
    }

    /** The connection's handler, to hold and release the client's frames while its room moves. */
    public ClientHandler handler() {
        return handler;
    }

    /** What to run as soon as the balancer decides to end the session (set by the connection's handler). */
    void onEnd(Runnable hook) {
        onEnd = hook;
    }

    /** Whether this session still accepts messages from monoliths. */
    public boolean isOpen() {
        return channel.isActive() && !closeSent.get();
    }

    /**
     * Accepts or refuses one frame now, on the sender's thread, to be queued later on the client's
     * loop with {@link #enqueueAccepted}: a session that is closed or closing refuses it (the frame
     * is released and counted as a send error). A kick that follows an accepted frame cannot
     * make it disappear.
     */
    public boolean accept(ByteBuf content) {
        if (!isOpen()) {
            content.release();
            metrics.clientSendError();
            return false;
        }
        return true;
    }

    /**
     * Queues a frame that was accepted while the session was open (see {@link #accept}), without
     * flushing; only a gone socket or a full queue stops it now. On the channel's event loop, where
     * the outbound buffer can be inspected without any per-frame bookkeeping. Returns whether the
     * frame was queued.
     */
    public boolean enqueueAccepted(ByteBuf content) {
        if (!channel.isActive()) {
            content.release();
            metrics.clientSendError();
            return false;
        }
        ChannelOutboundBuffer pending = channel.unsafe().outboundBuffer();
        if ((pending != null && pending.size() >= maxQueuedFrames) || !channel.isWritable()) {
            content.release();
            metrics.clientSendError();
            close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, EndReason.CLIENT);
            return false;
        }
        channel.write(new TextWebSocketFrame(content), channel.voidPromise());
        return true;
    }

    /**
     * {@link #enqueueAccepted} for a message that the client's monolith addressed to this client
     * alone (the link checks that it is the client's monolith). After a move, the new home's first
     * such message answers the re-join and lets the held frames follow (decision 0031); room-wide
     * broadcasts do not count, since they reach re-joined clients before their joins complete.
     */
    public boolean enqueueAcceptedAnswer(ByteBuf content) {
        boolean queued = enqueueAccepted(content);
        if (handler != null) {
            handler.answeredByMonolith(this);
        }
        return queued;
    }

    /** Flushes what {@link #enqueueAccepted} queued; on the channel's event loop. */
    public void flush() {
        channel.flush();
    }

    /**
     * Ends the session: sends one Close frame (never more than one per session) and closes the
     * connection once it is written, or after {@link #CLOSE_GRACE_SECONDS} if the client does not
     * read it (a lagging client may never). The balancer forgets the session at once rather than
     * when the socket finally closes, so a stuck client cannot keep receiving or delay its
     * {@code leave}. Returns false if a Close was already sent.
     */
    public boolean close(int code, String reason, EndReason why) {
        endedBecause(why);
        if (!closeSent.compareAndSet(false, true)) {
            return false;
        }
        metrics.closeCodeSent(code);
        onEnd.run();
        if (!channel.isActive()) {
            return true;
        }
        ChannelFuture f = channel.writeAndFlush(CloseCodes.frame(channel.alloc(), code, reason));
        f.addListener(written -> {
            if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex)) {
                channel.close();
                return;
            }
            // Half-close and let the client answer: closing at once while it is still sending
            // would make the kernel reset the connection and discard our Close frame.
            duplex.shutdownOutput();
            channel.eventLoop().schedule(() -> {
                channel.close();
            }, CLOSE_REPLY_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        });
        var cut = channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().addListener(closed -> cut.cancel(false));
        return true;
    }

    /** Whether a Close frame has already been sent (by either side's request). */
    boolean closeSent() {
        return closeSent.get();
    }

    /** Marks the Close as sent without sending one (the peer closed first and was answered). */
    boolean markCloseSent() {
        return closeSent.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "client " + id + " in room " + room;
    }
}
