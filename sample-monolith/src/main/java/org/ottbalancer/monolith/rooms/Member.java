package org.ottbalancer.monolith.rooms;

import java.util.UUID;

/** A client that has joined a room: its id, how to reach it, and the name it chose. */
public final class Member {
    private final UUID id;
    private final ClientChannel channel;
    private final Room room;
    private final String userKey;
    private String name;

    Member(UUID id, ClientChannel channel, Room room, String userKey, String rememberedName) {
        this.id = id;
        this.channel = channel;
        this.room = room;
        this.userKey = userKey;
        this.name = rememberedName != null ? rememberedName : "Guest " + id.toString().substring(0, 4);
    }

    /** Identifies the person behind the session (a hash of its token), not this connection. */
    public String userKey() {
        return userKey;
    }

    public UUID id() {
        return id;
    }

    public ClientChannel channel() {
        return channel;
    }

    public Room room() {
        return room;
    }

    public String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }
}
