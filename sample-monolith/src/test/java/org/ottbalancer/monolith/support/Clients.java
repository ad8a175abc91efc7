package org.ottbalancer.monolith.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.ottbalancer.protocol.M2B;

/** Joining clients over a test link and reading past the greeting. */
public final class Clients {
    private Clients() {
    }

    /**
     * Joins a new client to {@code room} and reads its greeting (sync, user init, you) and the
     * user-added broadcast on the same link.
     */
    public static UUID join(Fixture f, TestBalancerLink link, String room) {
        UUID client = UUID.randomUUID();
        link.join(room, client, f.token());
        for (String action : new String[] {"sync", "user", "you"}) {
            M2B.RoomMsg msg = link.expectSkippingGossip(M2B.RoomMsg.class);
            assertEquals(client, msg.clientId().orElse(null), "greeting must be targeted");
            assertEquals(action, Json.payload(msg).path("action").asText());
        }
        M2B.RoomMsg added = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals("add", Json.payload(added).path("update").path("kind").asText());
        return client;
    }

    /** Chat request as OTT's web app sends it. */
    public static String chat(String text) {
        return "{\"action\":\"req\",\"request\":{\"type\":11,\"text\":\"" + text + "\"}}";
    }
}
