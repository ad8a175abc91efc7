package org.ottbalancer.monolith.app;

import org.ottbalancer.monolith.rooms.Member;
import org.ottbalancer.monolith.rooms.Room;

/** Join and leave messages, the same in every mode so that clients always learn who they are. */
final class Greetings {
    private Greetings() {
    }

    /** OTT's order: targeted {@code sync}, {@code user} init, {@code you}; then the room hears of the newcomer. */
    static void joined(Room room, Member member) {
        room.send(member, Messages.sync(room, System.currentTimeMillis()));
        room.send(member, Messages.userInit(member));
        room.send(member, Messages.you(member));
        room.broadcast(Messages.userAdded(member));
    }

    static void left(Room room, Member member) {
        room.broadcast(Messages.userRemoved(member));
    }

    /** {@code kickme}: the client asks to be closed with {@code reason} (default 4005, OTT's KICKED). */
    static void kickme(Room room, Member member, ClientRequest request) {
        int code = request.body().path("reason").asInt(4005);
        if (!request.body().path("reason").isMissingNode() && !request.body().path("reason").canConvertToInt()) {
            room.send(member, Messages.error("kickme.reason must be an integer close code"));
            return;
        }
        if (code < 1000 || code > 4999) {
            room.send(member, Messages.error("kickme.reason must be a close code between 1000 and 4999, got " + code));
            return;
        }
        room.kick(member, code);
    }
}
