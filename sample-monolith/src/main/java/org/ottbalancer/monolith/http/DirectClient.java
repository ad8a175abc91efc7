package org.ottbalancer.monolith.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.monolith.net.WebSocketEndpoint;
import org.ottbalancer.monolith.rooms.ClientChannel;
import org.ottbalancer.monolith.rooms.LinkChannel;
import org.ottbalancer.monolith.rooms.RoomManager;
import org.ottbalancer.monolith.rooms.RoomNames;
import org.ottbalancer.protocol.ClientHello;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.ProtocolException;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A browser connected straight to this monolith at {@code /api/room/{room}}, OTT style: the first
 * frame is {@code {"action":"auth","token":...}}, then the same actions as balancer clients, and the
 * monolith's messages arrive as bare payload JSON. Closes use the codes a balancer would relay.
 */
final class DirectClient extends WebSocketEndpoint implements ClientChannel {
    private static final Logger LOG = LoggerFactory.getLogger(DirectClient.class);
    /** OTT's INVALID_CONNECTION_URL. */
    static final int INVALID_CONNECTION_URL = 4001;
    static final int MISSING_TOKEN = 4004;
    static final int PROTOCOL_ERROR = 1002;

    private final UUID id = UUID.randomUUID();
    private final String roomSegment;
    private final RoomManager rooms;
    private final Duration authTimeout;
    private ScheduledFuture<?> authDeadline;
    private boolean authenticated;
    private volatile boolean kicked;

    DirectClient(String roomSegment, RoomManager rooms, Duration authTimeout) {
        this.roomSegment = roomSegment;
        this.rooms = rooms;
        this.authTimeout = authTimeout;
    }

    @Override
    protected void onOpen(ChannelHandlerContext ctx) {
        if (!RoomNames.isValid(roomSegment)) {
            close(INVALID_CONNECTION_URL, "invalid room name");
            return;
        }
        authDeadline = ctx.executor().schedule(() -> {
            if (!authenticated) {
                close(MISSING_TOKEN, "did not send auth token");
            }
        }, authTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onMessage(ChannelHandlerContext ctx, byte[] data, boolean text) {
        if (!authenticated) {
            authenticate(data);
            return;
        }
        try {
            ProtocolCodec.validateJson(data, 0, data.length);
        } catch (ProtocolException e) {
            LOG.debug("dropping non-JSON frame from direct client {}: {}", id, e.getMessage());
            return;
        }
        rooms.clientMessage(id, RawJson.wrap(data, 0, data.length));
    }

    private void authenticate(byte[] data) {
        ClientHello hello;
        try {
            hello = ProtocolCodec.decodeClientHello(data, 0, data.length);
        } catch (ProtocolException e) {
            close(PROTOCOL_ERROR, "failed to deserialize message");
            return;
        }
        if (!(hello instanceof ClientHello.Auth auth)) {
            close(MISSING_TOKEN, "did not send auth token");
            return;
        }
        authenticated = true;
        if (authDeadline != null) {
            authDeadline.cancel(false);
        }
        rooms.join(id, RoomName.of(roomSegment), auth.token(), this);
    }

    @Override
    protected void onClosed() {
        if (authDeadline != null) {
            authDeadline.cancel(false);
        }
        if (authenticated && !kicked) {
            rooms.leave(id);
        }
    }

    // ---------------------------------------------------------------- ClientChannel

    @Override
    public Optional<LinkChannel> link() {
        return Optional.empty();
    }

    @Override
    public void send(RoomName room, UUID client, RawJson payload) {
        sendText(payload.array(), payload.offset(), payload.length());
    }

    @Override
    public void kick(UUID client, int code) {
        kicked = true;
        close(code, "");
    }

    @Override
    public String clientType() {
        return "direct";
    }
}
