package org.ottbalancer.monolith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.monolith.support.Fixture;
import org.ottbalancer.monolith.support.Json;
import org.ottbalancer.monolith.support.TestBalancerLink;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.Visibility;

class JoinTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void joinerGetsSyncThenUserInitThenYouAndTheRoomHearsOfIt() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = UUID.randomUUID();
        link.join("lobby", client, f.token());

        M2B.RoomMsg sync = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals(client, sync.clientId().orElseThrow());
        JsonNode s = Json.payload(sync);
        assertEquals("sync", s.path("action").asText());
        assertEquals("lobby", s.path("name").asText());
        assertTrue(s.path("playback").isObject());

        M2B.RoomMsg init = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals(client, init.clientId().orElseThrow());
        assertEquals("init", Json.payload(init).path("update").path("kind").asText());
        assertEquals(client.toString(), Json.payload(init).path("update").path("value").path("id").asText());

        M2B.RoomMsg you = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals(client, you.clientId().orElseThrow());
        assertEquals("you", Json.payload(you).path("action").asText());
        assertEquals(client.toString(), Json.payload(you).path("info").path("id").asText());

        M2B.RoomMsg added = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertTrue(added.isBroadcast());
        assertEquals("add", Json.payload(added).path("update").path("kind").asText());
    }

    @Test
    void unknownTokenIsKickedWith4004() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = UUID.randomUUID();
        link.join("lobby", client, "no-such-token");
        assertEquals(new M2B.Kick(client, 4004), link.expectSkippingGossip(M2B.Kick.class));
    }

    @Test
    void emptyTokenIsKickedWith4004() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = UUID.randomUUID();
        link.join("lobby", client, "");
        assertEquals(new M2B.Kick(client, 4004), link.expectSkippingGossip(M2B.Kick.class));
    }

    @Test
    void joinForAnUnknownRoomIsKickedWith4002AndCreatesNothing() {
        SampleMonolith m = f.start();
        TestBalancerLink link = f.link(m);
        UUID client = UUID.randomUUID();
        link.join("nowhere", client, f.token());
        assertEquals(new M2B.Kick(client, 4002), link.expectSkippingGossip(M2B.Kick.class));
        assertTrue(m.loadedRooms().join().isEmpty());
        assertEquals(404, f.get(m, "/api/room/nowhere").statusCode());
    }

    @Test
    void joinLoadsAStoredRoomAndAnnouncesItAsLoaded() {
        SampleMonolith creator = f.start();
        assertTrue(creator.createStoredRoom("stored", Visibility.PUBLIC).join());
        SampleMonolith m = f.start();
        TestBalancerLink link = f.link(m);
        UUID client = UUID.randomUUID();
        link.join("Stored", client, f.token());
        M2B.Loaded loaded = link.expectSkippingGossip(M2B.Loaded.class);
        assertEquals("stored", loaded.room().name().value());
        M2B.RoomMsg sync = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals("sync", Json.payload(sync).path("action").asText());
    }

    @Test
    void messagesSentWhileTheJoinIsPendingAreHandledAfterTheGreeting() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = UUID.randomUUID();
        link.join("lobby", client, f.token());
        link.clientMsg(client, "{\"action\":\"req\",\"request\":{\"type\":11,\"text\":\"first\"}}");
        for (String expected : new String[] {"sync", "user", "you", "user"}) {
            M2B.RoomMsg msg = link.expectSkippingGossip(M2B.RoomMsg.class);
            assertEquals(expected, Json.payload(msg).path("action").asText());
        }
        M2B.RoomMsg chat = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals("chat", Json.payload(chat).path("action").asText());
        assertEquals("first", Json.payload(chat).path("text").asText());
        link.expectNothingBut(Duration.ofMillis(100));
    }
}
