package org.ottbalancer.protocol;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Messages a monolith sends to a balancer over their link. */
public sealed interface M2B {

    /** Wire name of the message, the value of its {@code type} key. */
    String type();

    /** First frame on every link: who the monolith is, its HTTP port and region. */
    record Init(int port, String region, UUID id) implements M2B {
        public Init {
            if (port < 0 || port > 65535) {
                throw new ProtocolException("port " + port + " is not a u16");
            }
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String type() {
            return "init";
        }
    }

    /** The monolith added a room to its memory. */
    record Loaded(RoomMetadata room, long loadEpoch) implements M2B {
        public Loaded {
            Objects.requireNonNull(room, "room");
            LoadEpoch.check(loadEpoch);
        }

        @Override
        public String type() {
            return "loaded";
        }
    }

    /** The monolith dropped a room. */
    record Unloaded(RoomName name, UnloadReason reason) implements M2B {
        public Unloaded {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String type() {
            return "unloaded";
        }
    }

    /** The full set of rooms the monolith holds. */
    record Gossip(List<GossipEntry> rooms) implements M2B {
        public Gossip {
            rooms = List.copyOf(rooms);
        }

        @Override
        public String type() {
            return "gossip";
        }
    }

    /**
     * A message for clients: to one client when {@code clientId} is present, otherwise to every
     * client of the room that joined through this monolith.
     */
    record RoomMsg(RoomName room, Optional<UUID> clientId, RawJson payload) implements M2B {
        public RoomMsg {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(clientId, "client_id");
            Objects.requireNonNull(payload, "payload");
        }

        public static RoomMsg broadcast(RoomName room, RawJson payload) {
            return new RoomMsg(room, Optional.empty(), payload);
        }

        public static RoomMsg to(RoomName room, UUID client, RawJson payload) {
            return new RoomMsg(room, Optional.of(client), payload);
        }

        public boolean isBroadcast() {
            return clientId.isEmpty();
        }

        @Override
        public String type() {
            return "room_msg";
        }
    }

    /** The monolith dropped a client; {@code reason} is the WebSocket close code to send it. */
    record Kick(UUID clientId, int reason) implements M2B {
        public Kick {
            Objects.requireNonNull(clientId, "client_id");
            if (reason < 0 || reason > 65535) {
                throw new ProtocolException("kick reason " + reason + " is not a u16");
            }
        }

        @Override
        public String type() {
            return "kick";
        }
    }
}
