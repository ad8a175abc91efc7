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

    // ------------------------------------------------------------------ extensions
    // Sent by a monolith agent on the monolith-to-balancer stream. Upstream balancers drop message
    // types they do not know, so these stay compatible with them.

    /**
     * Asks the balancer to stop forwarding the room's client frames and hold them, because the
     * room is about to move: its state must settle before the monolith unloads it. If no
     * {@code unloaded} follows within {@code deadlineMillis}, the balancer releases the held frames
     * to the same monolith.
     */
    record Freeze(RoomName room, long deadlineMillis) implements M2B {
        public Freeze {
            Objects.requireNonNull(room, "room");
            if (deadlineMillis <= 0) {
                throw new ProtocolException("freeze deadline_ms must be positive, got " + deadlineMillis);
            }
        }

        @Override
        public String type() {
            return "ext_freeze";
        }
    }

    /** Cancels a {@link Freeze}: the room stays; held frames go to the same monolith. */
    record Unfreeze(RoomName room) implements M2B {
        public Unfreeze {
            Objects.requireNonNull(room, "room");
        }

        @Override
        public String type() {
            return "ext_unfreeze";
        }
    }

    /**
     * The monolith's placement state as its agent sees it: a draining monolith keeps its rooms
     * until they have moved but must not receive new ones.
     */
    record Status(org.ottbalancer.protocol.registry.MonolithState state) implements M2B {
        public Status {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String type() {
            return "ext_status";
        }
    }
}
