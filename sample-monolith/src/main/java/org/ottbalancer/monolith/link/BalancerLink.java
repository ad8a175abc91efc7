package org.ottbalancer.monolith.link;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.monolith.net.WebSocketEndpoint;
import org.ottbalancer.monolith.rooms.BalancerClientChannel;
import org.ottbalancer.monolith.rooms.LinkChannel;
import org.ottbalancer.monolith.rooms.RoomManager;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One balancer's link, monolith side (spec §2.2): sends {@code init} as soon as the socket is
 * accepted, waits for the balancer's {@code init} (ignoring anything else until then, closing with
 * 1002 after the timeout), then hands every message to the room manager.
 *
 * <p>Frames are decoded on the link's event loop; room state changes happen on the manager's
 * executor.
 */
public final class BalancerLink extends WebSocketEndpoint implements LinkChannel {
    private static final Logger LOG = LoggerFactory.getLogger(BalancerLink.class);
    /** Close code and reason when the balancer never introduces itself. */
    public static final int INIT_TIMEOUT_CODE = 1002;
    public static final String INIT_TIMEOUT_REASON = "Balancer did not send init message";
    /** Close reason (with 1001) when the monolith shuts down. */
    public static final String SHUTDOWN_REASON = "Server shutting down";

    private final M2B.Init init;
    private final RoomManager rooms;
    private final Duration initTimeout;
    private final BalancerClientChannel clients;
    private final LinkRegistry registry;
    private ScheduledFuture<?> initDeadline;
    private volatile UUID balancerId;

    BalancerLink(M2B.Init init, RoomManager rooms, Duration initTimeout, LinkRegistry registry) {
        this.init = init;
        this.rooms = rooms;
        this.initTimeout = initTimeout;
        this.registry = registry;
        this.clients = new BalancerClientChannel(this);
    }

    /** The balancer's id once it sent {@code init}, else null. */
    public UUID balancerId() {
        return balancerId;
    }

    @Override
    public void send(M2B message) {
        sendText(ProtocolCodec.encode(message));
    }

    @Override
    protected void onOpen(ChannelHandlerContext ctx) {
        registry.opened(this);
        send(init);
        initDeadline = ctx.executor().schedule(() -> {
            if (balancerId == null) {
                LOG.warn("balancer at {} sent no init within {}; closing", ctx.channel().remoteAddress(), initTimeout);
                close(INIT_TIMEOUT_CODE, INIT_TIMEOUT_REASON);
            }
        }, initTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onMessage(ChannelHandlerContext ctx, byte[] data, boolean text) {
        B2M message;
        try {
            message = ProtocolCodec.decodeB2M(data);
        } catch (ProtocolException e) {
            LOG.warn("dropping unreadable message from balancer {}: {} ({})", balancerId, e.getMessage(), preview(data));
            return;
        }
        if (balancerId == null) {
            if (message instanceof B2M.Init m) {
                balancerId = m.id();
                if (initDeadline != null) {
                    initDeadline.cancel(false);
                }
                LOG.info("balancer {} linked from {}", m.id(), ctx.channel().remoteAddress());
                rooms.linkReady(this);
            } else {
                LOG.warn("ignoring {} from a balancer that has not sent init", message.type());
            }
            return;
        }
        dispatch(message);
    }

    private void dispatch(B2M message) {
        if (message instanceof B2M.Join m) {
            rooms.join(m.client(), m.room(), m.token(), clients);
        } else if (message instanceof B2M.Leave m) {
            rooms.leave(m.client());
        } else if (message instanceof B2M.ClientMsg m) {
            rooms.clientMessage(m.clientId(), m.payload());
        } else if (message instanceof B2M.Unload m) {
            rooms.unloadCommanded(m.room());
        } else if (message instanceof B2M.Load m) {
            rooms.loadCommanded(m.room());
        } else if (message instanceof B2M.Init m) {
            LOG.info("balancer {} sent init again, now as {}", balancerId, m.id());
            balancerId = m.id();
        }
    }

    @Override
    protected void onClosed() {
        if (initDeadline != null) {
            initDeadline.cancel(false);
        }
        registry.closed(this);
        if (balancerId != null) {
            LOG.info("balancer {} link closed", balancerId);
            rooms.linkClosed(this);
        }
    }

    private static String preview(byte[] data) {
        String s = new String(data, 0, Math.min(data.length, 200), StandardCharsets.UTF_8);
        return data.length > 200 ? s + "..." : s;
    }
}
