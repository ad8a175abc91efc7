package org.ottbalancer.protocol;

import java.util.Objects;
import java.util.UUID;

/** Messages a balancer sends to a monolith over their link. */
public sealed interface B2M {

    /** Wire name of the message, the value of its {@code type} key. */
    String type();

    /** First frame on every link: who the balancer is. */
    record Init(UUID id) implements B2M {
        public Init {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String type() {
            return "init";
        }
    }

    /** A client authenticated and wants to join {@code room}; the token is passed on verbatim. */
    record Join(RoomName room, UUID client, String token) implements B2M {
        public Join {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String type() {
            return "join";
        }
    }

    /** A client's connection ended. */
    record Leave(UUID client) implements B2M {
        public Leave {
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String type() {
            return "leave";
        }
    }

    /** A frame a joined client sent, embedded verbatim. */
    record ClientMsg(UUID clientId, RawJson payload) implements B2M {
        public ClientMsg {
            Objects.requireNonNull(clientId, "client_id");
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public String type() {
            return "client_msg";
        }
    }

    /** Orders the monolith to drop its copy of a room. */
    record Unload(RoomName room) implements B2M {
        public Unload {
            Objects.requireNonNull(room, "room");
        }

        @Override
        public String type() {
            return "unload";
        }
    }

    /** Asks the monolith to load a room. Part of the protocol; upstream's balancer never sends it. */
    record Load(RoomName room) implements B2M {
        public Load {
            Objects.requireNonNull(room, "room");
        }

        @Override
        public String type() {
            return "load";
        }
    }
}
