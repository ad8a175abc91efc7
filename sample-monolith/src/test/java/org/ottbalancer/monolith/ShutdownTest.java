package org.ottbalancer.monolith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.monolith.support.Clients;
import org.ottbalancer.monolith.support.Fixture;
import org.ottbalancer.monolith.support.Json;
import org.ottbalancer.monolith.support.TestBalancerLink;
import org.ottbalancer.monolith.support.TestWebSocket;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.UnloadReason;

class ShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void shutdownClosesLinksWith1001AndUnloadsRoomsWithReasonShutdown() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        Clients.join(f, link, "lobby");
        m.close();
        TestWebSocket.Closed closed = link.awaitClose(WAIT);
        assertEquals(1001, closed.code());
        assertEquals("Server shutting down", closed.reason());
        assertEquals(1.0, m.metrics().unloadCount(UnloadReason.Shutdown));
    }

    @Test
    void shutdownKicksDirectClientsWith1001() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestWebSocket direct = f.direct(m, "lobby");
        direct.send("{\"action\":\"auth\",\"token\":\"" + f.token() + "\"}");
        direct.next(WAIT);
        m.close();
        assertEquals(1001, direct.awaitClose(WAIT).code());
    }

    @Test
    void shutdownDoesNotFlushThePendingSave() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = Clients.join(f, link, "lobby");
        link.clientMsg(client, Clients.chat("lost at shutdown"));
        link.expectSkippingGossip(M2B.RoomMsg.class);
        m.close();

        SampleMonolith next = f.start();
        TestBalancerLink other = f.link(next);
        other.join("lobby", UUID.randomUUID(), f.token());
        other.expectSkippingGossip(M2B.Loaded.class);
        JsonNode sync = Json.payload(other.expectSkippingGossip(M2B.RoomMsg.class));
        assertEquals(0, sync.path("revision").asLong());
        assertEquals(0, sync.path("chat").size());
    }
}
