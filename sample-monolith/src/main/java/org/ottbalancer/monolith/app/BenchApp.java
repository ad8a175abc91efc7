package org.ottbalancer.monolith.app;

import java.util.Optional;
import org.ottbalancer.monolith.rooms.Member;
import org.ottbalancer.monolith.rooms.Room;
import org.ottbalancer.monolith.rooms.RoomApp;
import org.ottbalancer.protocol.RawJson;

/**
 * Benchmark mode: as little application work as possible, and no saves.
 * <ul>
 *   <li>{@code {"action":"echo",...}} — the payload goes back, verbatim, to the sender only</li>
 *   <li>{@code {"action":"broadcast",...}} — the payload goes, verbatim, to the whole room</li>
 *   <li>{@code {"action":"kickme","reason":4005}} — the server closes this client with that code</li>
 * </ul>
 * Joins and leaves are announced as in the watch party.
 */
public final class BenchApp extends GreetingApp {

    @Override
    public boolean persistsChanges() {
        return false;
    }

    @Override
    public void message(Room room, Member member, RawJson payload) {
        Optional<ClientRequest> parsed = ClientRequest.parseOrTell(room, member, payload);
        if (parsed.isEmpty()) {
            return;
        }
        switch (parsed.get().action()) {
            case "echo" -> room.send(member, payload);
            case "broadcast" -> room.broadcast(payload);
            case "kickme" -> Greetings.kickme(room, member, parsed.get());
            default -> room.send(member, Messages.error("benchmark mode knows only echo, broadcast and kickme; got \""
                    + parsed.get().action() + "\""));
        }
    }
}
