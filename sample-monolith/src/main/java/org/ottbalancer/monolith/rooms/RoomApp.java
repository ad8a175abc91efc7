package org.ottbalancer.monolith.rooms;

import org.ottbalancer.protocol.RawJson;

/**
 * The application running inside rooms: what members see when they join and leave, and what their
 * messages do. Called on the room manager's executor only.
 */
public interface RoomApp {

    /** A member joined: greet it ({@code sync}, {@code user} init, {@code you}) and tell the room. */
    void joined(Room room, Member member);

    /** A member is gone (left, kicked or its link closed); it is no longer in {@code room}. */
    void left(Room room, Member member);

    /**
     * A member sent {@code payload}, a JSON object or array or null (primitives were dropped before).
     */
    void message(Room room, Member member, RawJson payload);

    /** Whether room changes are saved; benchmark mode turns this off. */
    boolean persistsChanges();
}
