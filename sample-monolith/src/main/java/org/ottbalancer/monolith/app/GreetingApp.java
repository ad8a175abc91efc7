package org.ottbalancer.monolith.app;

import org.ottbalancer.monolith.rooms.Member;
import org.ottbalancer.monolith.rooms.Room;
import org.ottbalancer.monolith.rooms.RoomApp;

/** The part every app shares with OTT: how members are greeted and how the room hears they left. */
abstract class GreetingApp implements RoomApp {

    @Override
    public final void joined(Room room, Member member) {
        Greetings.joined(room, member);
    }

    @Override
    public final void left(Room room, Member member) {
        Greetings.left(room, member);
    }
}
