package org.ottbalancer.monolith.rooms;

/** What a room needs from whoever holds it: persistence of changes and removal of members. */
interface RoomHost {

    /** The room's state changed and must be saved (debounced). */
    void changed(Room room);

    /** Ends a member's session with {@code code} and tells the rest of the room it left. */
    void kick(Member member, int code);
}
