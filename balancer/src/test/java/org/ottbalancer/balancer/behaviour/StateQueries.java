package org.ottbalancer.balancer.behaviour;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;

/** Reads facts out of a balancer's {@code /api/state}, so tests can wait for a message to have been applied. */
final class StateQueries {
    private StateQueries() {
    }

    /** Lower-cased names of the rooms the balancer holds under {@code monolith}. */
    static Set<String> roomsOf(RunningBalancer b, MockMonolith monolith) {
        Set<String> rooms = new HashSet<>();
        for (JsonNode m : b.state().path("monoliths")) {
            if (m.path("id").asText().equals(monolith.id().toString())) {
                for (JsonNode room : m.path("rooms")) {
                    rooms.add(room.path("name").asText().toLowerCase(Locale.ROOT));
                }
            }
        }
        return rooms;
    }

    static boolean holds(RunningBalancer b, MockMonolith monolith, String room) {
        return roomsOf(b, monolith).contains(room.toLowerCase(Locale.ROOT));
    }
}
