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

class DirectClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void directClientGetsTheGreetingAndRoomMessagesAsBareJson() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestWebSocket direct = f.direct(m, "lobby");
        direct.send("{\"action\":\"auth\",\"token\":\"" + f.token() + "\"}");
        assertEquals("sync", Json.parse(direct.next(WAIT)).path("action").asText());
        assertEquals("init", Json.parse(direct.next(WAIT)).path("update").path("kind").asText());
        String myId = Json.parse(direct.next(WAIT)).path("info").path("id").asText();
        assertEquals("add", Json.parse(direct.next(WAIT)).path("update").path("kind").asText());

        TestBalancerLink link = f.link(m);
        UUID viaBalancer = Clients.join(f, link, "lobby");
        assertEquals("add", Json.parse(direct.next(WAIT)).path("update").path("kind").asText());

        link.clientMsg(viaBalancer, Clients.chat("hi from the balancer"));
        String onLink = link.expectSkippingGossip(M2B.RoomMsg.class).payload().text();
        String onDirect = direct.next(WAIT);
        assertEquals(onLink, onDirect, "both kinds of client get the same JSON");

        direct.send(Clients.chat("hi from direct"));
        JsonNode chat = Json.parse(direct.next(WAIT));
        assertEquals(myId, chat.path("from").path("id").asText());
        assertEquals("hi from direct", Json.payload(link.expectSkippingGossip(M2B.RoomMsg.class)).path("text").asText());
    }

    @Test
    void directClientWithABadTokenIsClosedWith4004() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestWebSocket direct = f.direct(m, "lobby");
        direct.send("{\"action\":\"auth\",\"token\":\"forged\"}");
        assertEquals(4004, direct.awaitClose(WAIT).code());
    }

    @Test
    void directClientForAnUnknownRoomIsClosedWith4002() {
        SampleMonolith m = f.start();
        TestWebSocket direct = f.direct(m, "nowhere");
        direct.send("{\"action\":\"auth\",\"token\":\"" + f.token() + "\"}");
        assertEquals(4002, direct.awaitClose(WAIT).code());
    }

    @Test
    void directClientLeavingIsBroadcastToTheRoom() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        Clients.join(f, link, "lobby");
        TestWebSocket direct = f.direct(m, "lobby");
        direct.send("{\"action\":\"auth\",\"token\":\"" + f.token() + "\"}");
        link.expectSkippingGossip(M2B.RoomMsg.class); // told of the direct client
        direct.close();
        JsonNode update = Json.payload(link.expectSkippingGossip(M2B.RoomMsg.class)).path("update");
        assertEquals("remove", update.path("kind").asText());
    }
}
