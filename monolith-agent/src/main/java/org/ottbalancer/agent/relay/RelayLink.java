package org.ottbalancer.agent.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;

/**
 * One balancer link and the monolith link opened for it. Both channels run on the same event loop,
 * so the fields below that are not volatile are only touched from that loop; the drain thread uses
 * only {@link #sendToBalancer} and {@link #sendToMonolith}, which go through Netty's thread-safe
 * write path.
 */
public final class RelayLink {
    private final long id;
    private final Channel balancer;
    private final ArrayDeque<WebSocketFrame> pending = new ArrayDeque<>();
    private volatile Channel monolith;
    private volatile boolean monolithReady;
    private volatile boolean initRelayed;
    private boolean closing;

    RelayLink(long id, Channel balancer) {
        this.id = id;
        this.balancer = balancer;
    }

    public long id() {
        return id;
    }

    /** Whether the monolith's init has reached the balancer, after which extension messages may follow it. */
    public boolean initRelayed() {
        return initRelayed;
    }

    public boolean monolithReady() {
        return monolithReady && monolith.isActive();
    }

    /** Sends an agent-made extension message to the balancer; false if the link cannot take it now. */
    public boolean sendToBalancer(M2B message) {
        if (!initRelayed || !balancer.isActive()) {
            return false;
        }
        balancer.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(ProtocolCodec.encode(message))));
        return true;
    }

    /** Sends an agent-made command (such as {@code unload}) to the monolith over this link. */
    public boolean sendToMonolith(B2M message) {
        if (!monolithReady()) {
            return false;
        }
        monolith.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(ProtocolCodec.encode(message))));
        return true;
    }

    Channel balancer() {
        return balancer;
    }

    Channel monolith() {
        return monolith;
    }

    void monolithDialled(Channel channel) {
        monolith = channel;
    }

    /** The monolith accepted the link: release what the balancer sent meanwhile and read on. */
    void monolithUp() {
        monolithReady = true;
        boolean wrote = false;
        WebSocketFrame f;
        while ((f = pending.poll()) != null) {
            monolith.write(f);
            wrote = true;
        }
        if (wrote) {
            monolith.flush();
        }
        balancer.config().setAutoRead(monolith.isWritable());
    }

    /** A frame from the balancer; queued while the monolith link is still being opened. */
    void fromBalancer(WebSocketFrame frame) {
        if (monolithReady) {
            monolith.write(frame);
        } else {
            pending.add(frame);
        }
    }

    void markInitRelayed() {
        initRelayed = true;
    }

    /**
     * One side sent a Close frame: pass it on verbatim to the other side and close that after it is
     * written, and answer the sender's close.
     */
    void closeFrom(Channel sender, CloseWebSocketFrame close) {
        Channel other = sender == balancer ? monolith : balancer;
        boolean otherOpen = other != null && other.isActive() && (other == balancer || monolithReady);
        sender.writeAndFlush(new CloseWebSocketFrame(true, 0, close.content().retainedDuplicate()))
                .addListener(ChannelFutureListener.CLOSE);
        if (otherOpen) {
            other.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
        } else {
            close.release();
            closeBoth();
        }
    }

    /** Either side ended or failed: the other goes too, so the balancer re-homes its clients at once. */
    void closeBoth() {
        if (closing) {
            return;
        }
        closing = true;
        WebSocketFrame f;
        while ((f = pending.poll()) != null) {
            f.release();
        }
        balancer.close();
        Channel m = monolith;
        if (m != null) {
            m.close();
        }
    }
}
