package org.ottbalancer.agent.tracking;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.ottbalancer.protocol.RoomName;

/**
 * The few facts the agent takes from one relayed frame. Anything else in the frame is never read
 * into objects, so relaying a large {@code room_msg} or {@code client_msg} costs no allocation here.
 */
public sealed interface Sniffed {

    /** Not JSON, not a message, a message type the agent does not track, or a field was missing. */
    Ignored IGNORED = new Ignored();

    /** A {@code room_msg}: counted as relay traffic, nothing inside is needed. */
    RoomMsg ROOM_MSG = new RoomMsg();

    record Ignored() implements Sniffed {
    }

    record RoomMsg() implements Sniffed {
    }

    /** M2B {@code init}. */
    record MonolithInit(String monolithId, String region) implements Sniffed {
    }

    /** M2B {@code loaded}. */
    record Loaded(RoomName room, long loadEpoch) implements Sniffed {
        public Loaded {
            Objects.requireNonNull(room, "room");
        }
    }

    /** M2B {@code unloaded}. */
    record Unloaded(RoomName room) implements Sniffed {
        public Unloaded {
            Objects.requireNonNull(room, "room");
        }
    }

    /** M2B {@code gossip}: the complete set of rooms the monolith holds. */
    record Gossip(List<RoomEpoch> rooms) implements Sniffed {
        public Gossip {
            rooms = List.copyOf(rooms);
        }
    }

    /** One room of a gossip. */
    record RoomEpoch(RoomName room, long loadEpoch) {
    }

    /** M2B {@code kick}: the monolith forgot the client. */
    record Kick(UUID client) implements Sniffed {
    }

    /** B2M {@code join}. */
    record Join(RoomName room, UUID client) implements Sniffed {
    }

    /** B2M {@code leave}. */
    record Leave(UUID client) implements Sniffed {
    }

    /** B2M {@code client_msg}: only who sent it. */
    record ClientMsg(UUID client) implements Sniffed {
    }
}
