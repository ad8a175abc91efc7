package org.ottbalancer.monolith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.monolith.rooms.SavedRoom;
import org.ottbalancer.monolith.support.Clients;
import org.ottbalancer.monolith.support.Fixture;
import org.ottbalancer.monolith.support.Json;
import org.ottbalancer.monolith.support.TestBalancerLink;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;

class PersistenceTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void manyChangesAreWrittenInOneSaveAfterTheDelay() throws Exception {
        SampleMonolith m = f.start(Fixture.config().withSaveDelay(Duration.ofMillis(400)));
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = Clients.join(f, link, "lobby");
        for (int i = 0; i < 10; i++) {
            link.clientMsg(client, Clients.chat("line " + i));
            link.expectSkippingGossip(M2B.RoomMsg.class);
        }
        assertEquals(0, m.metrics().saveCount(), "nothing is saved before the delay");
        Fixture.eventually(Duration.ofSeconds(5), "the room is saved", () -> m.metrics().saveCount() >= 1);
        Thread.sleep(600);
        assertEquals(1, m.metrics().saveCount());
        SavedRoom saved = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(f.store.loadRoom(RoomName.of("lobby")).join().orElseThrow(), SavedRoom.class);
        assertEquals(10, saved.revision());
        assertEquals(10, saved.chat().size());
    }

    @Test
    void loadEpochsStrictlyIncreaseAcrossMonolithsSharingAStore() {
        SampleMonolith a = f.start();
        SampleMonolith b = f.start();
        TestBalancerLink linkA = f.link(a);
        TestBalancerLink linkB = f.link(b);
        long last = -1;
        for (int i = 0; i < 3; i++) {
            String room = "room" + i;
            assertTrue(a.createStoredRoom(room, Visibility.PUBLIC).join());
            linkA.send(new B2M.Load(RoomName.of(room)));
            long ea = linkA.expectSkippingGossip(M2B.Loaded.class).loadEpoch();
            linkB.send(new B2M.Load(RoomName.of(room)));
            long eb = linkB.expectSkippingGossip(M2B.Loaded.class).loadEpoch();
            assertTrue(ea > last, "epoch " + ea + " after " + last);
            assertTrue(eb > ea, "epoch " + eb + " after " + ea);
            last = eb;
        }
    }

    @Test
    void revisionSurvivesAReloadFromTheStore() {
        SampleMonolith m = f.start(Fixture.config().withSaveDelay(Duration.ofMillis(100)));
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = Clients.join(f, link, "lobby");
        link.clientMsg(client, Clients.chat("remember me"));
        link.expectSkippingGossip(M2B.RoomMsg.class);
        Fixture.eventually(Duration.ofSeconds(5), "the room is saved", () -> m.metrics().saveCount() >= 1);
        link.send(new B2M.Unload(RoomName.of("lobby")));
        assertEquals(new M2B.Kick(client, 1001), link.expectSkippingGossip(M2B.Kick.class));
        link.expectSkippingGossip(M2B.Unloaded.class);

        link.join("lobby", UUID.randomUUID(), f.token());
        link.expectSkippingGossip(M2B.Loaded.class);
        var sync = Json.payload(link.expectSkippingGossip(M2B.RoomMsg.class));
        assertEquals(1, sync.path("revision").asLong());
        assertEquals("remember me", sync.path("chat").get(0).path("text").asText());
    }

    @Test
    void aChosenNameFollowsItsSessionTokenToTheRoomsNextMonolith() {
        SampleMonolith a = f.start(Fixture.config().withSaveDelay(Duration.ofMillis(100)));
        SampleMonolith b = f.start(Fixture.config().withSaveDelay(Duration.ofMillis(100)));
        f.room(a, "lobby");
        TestBalancerLink linkA = f.link(a);
        String token = f.token();
        UUID first = UUID.randomUUID();
        linkA.join("lobby", first, token);
        for (int i = 0; i < 4; i++) {
            linkA.expectSkippingGossip(M2B.RoomMsg.class);
        }
        linkA.clientMsg(first, "{\"action\":\"req\",\"request\":{\"type\":\"set_name\",\"name\":\"Alice\"}}");
        linkA.expectSkippingGossip(M2B.RoomMsg.class);
        Fixture.eventually(Duration.ofSeconds(5), "the room is saved", () -> a.metrics().saveCount() >= 1);
        linkA.send(new B2M.Unload(RoomName.of("lobby")));
        linkA.expectSkippingGossip(M2B.Kick.class);
        linkA.expectSkippingGossip(M2B.Unloaded.class);

        TestBalancerLink linkB = f.link(b);
        linkB.join("lobby", UUID.randomUUID(), token);
        linkB.expectSkippingGossip(M2B.Loaded.class);
        M2B.RoomMsg userInit = null;
        for (int i = 0; i < 2; i++) {
            userInit = linkB.expectSkippingGossip(M2B.RoomMsg.class);
        }
        assertEquals("Alice", Json.payload(userInit).path("update").path("value").path("name").asText());
    }

    @Test
    void tokensAreNotWrittenToTheRoomStore() throws Exception {
        SampleMonolith m = f.start(Fixture.config().withSaveDelay(Duration.ofMillis(100)));
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        String token = f.token();
        UUID client = UUID.randomUUID();
        link.join("lobby", client, token);
        for (int i = 0; i < 4; i++) {
            link.expectSkippingGossip(M2B.RoomMsg.class);
        }
        link.clientMsg(client, "{\"action\":\"req\",\"request\":{\"type\":\"set_name\",\"name\":\"Bob\"}}");
        Fixture.eventually(Duration.ofSeconds(5), "the room is saved", () -> m.metrics().saveCount() >= 1);
        String saved = f.store.loadRoom(RoomName.of("lobby")).join().orElseThrow();
        assertTrue(saved.contains("Bob"), saved);
        assertTrue(!saved.contains(token), "the session token must not be stored: " + saved);
    }
}
