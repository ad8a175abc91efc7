package org.ottbalancer.balancer.observe;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RoomName;

/**
 * Trace events for {@code /api/state/stream} subscribers (upstream's collector format: flat JSON
 * objects with {@code event}, {@code node_id}, {@code direction}, optional {@code room} and
 * {@code balancer_id}). Events are built only while someone listens; subscribers that cannot keep
 * up skip events instead of buffering them.
 */
public final class StateEvents {
    private final UUID balancerId;
    private final Set<Channel> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean active;

    public StateEvents(UUID balancerId) {
        this.balancerId = balancerId;
    }

    /** Cheap check for emitters, so that idle tracing costs one volatile read. */
    public boolean active() {
        return active;
    }

    public void subscribe(Channel ch) {
        subscribers.add(ch);
        active = true;
        ch.closeFuture().addListener(f -> {
            subscribers.remove(ch);
            active = !subscribers.isEmpty();
        });
    }

    public void clientFrame(UUID client, RoomName room, boolean transmitted) {
        emit("ws", client.toString(), transmitted, room, true);
    }

    public void monolithFrame(UUID monolith, boolean transmitted) {
        emit("ws", monolith.toString(), transmitted, null, true);
    }

    public void broadcast(RoomName room) {
        emit("broadcast", room.value(), true, null, false);
    }

    public void proxied(UUID monolith, RoomName room) {
        emit("proxy", monolith.toString(), true, room, true);
    }

    private void emit(String event, String nodeId, boolean tx, RoomName room, boolean withBalancer) {
        if (!active) {
            return;
        }
        ByteArrayBuilder out = new ByteArrayBuilder(160);
        try (JsonGenerator g = ProtocolCodec.jsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.now().toString());
            g.writeStringField("level", "TRACE");
            g.writeStringField("target", "ott_balancer");
            g.writeStringField("event", event);
            g.writeStringField("node_id", nodeId);
            g.writeStringField("direction", tx ? "tx" : "rx");
            if (room != null) {
                g.writeStringField("room", room.value());
            }
            if (withBalancer) {
                g.writeStringField("balancer_id", balancerId.toString());
            }
            g.writeEndObject();
        } catch (IOException e) {
            return;
        }
        byte[] bytes = out.toByteArray();
        for (Channel ch : subscribers) {
            if (ch.isActive() && ch.isWritable()) {
                ch.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)), ch.voidPromise());
            }
        }
    }
}
