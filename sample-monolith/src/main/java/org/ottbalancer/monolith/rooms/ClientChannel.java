package org.ottbalancer.monolith.rooms;

import java.util.Optional;
import java.util.UUID;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/**
 * How a client is reached: through a balancer link (messages wrapped in {@code room_msg}, closes sent
 * as {@code kick}) or over its own direct WebSocket.
 */
public interface ClientChannel {

    /** The balancer link the client came through, or empty for a direct WebSocket client. */
    Optional<LinkChannel> link();

    /** Sends one message to this client only. */
    void send(RoomName room, UUID client, RawJson payload);

    /** Ends the client's session with WebSocket close code {@code code}. */
    void kick(UUID client, int code);

    /** Metric label of the client type: {@code balancer.js} or {@code direct}, as OTT labels them. */
    String clientType();
}
