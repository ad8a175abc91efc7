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
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;
import org.ottbalancer.protocol.Visibility;

class UnloadTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void commandedUnloadKicksClientsWith1001ThenSendsUnloaded() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID c1 = Clients.join(f, link, "lobby");
        UUID c2 = Clients.join(f, link, "lobby");
        link.send(new B2M.Unload(RoomName.of("lobby")));
        assertEquals(new M2B.Kick(c1, 1001), link.expectSkippingGossip(M2B.Kick.class));
        assertEquals(new M2B.Kick(c2, 1001), link.expectSkippingGossip(M2B.Kick.class));
        assertEquals(new M2B.Unloaded(RoomName.of("lobby"), UnloadReason.Commanded),
                link.expectSkippingGossip(M2B.Unloaded.class));
        assertEquals(0, m.loadedRooms().join().size());
    }

    @Test
    void commandedUnloadDropsTheUnsavedChangeByDefault() {
        SampleMonolith old = f.start();
        f.room(old, "lobby");
        TestBalancerLink link = f.link(old);
        UUID client = Clients.join(f, link, "lobby");
        setTitle(link, client, "changed just before unload");
        link.send(new B2M.Unload(RoomName.of("lobby")));
        assertEquals(new M2B.Kick(client, 1001), link.expectSkippingGossip(M2B.Kick.class));
        link.expectSkippingGossip(M2B.Unloaded.class);

        JsonNode sync = joinElsewhere();
        assertEquals("", sync.path("title").asText());
        assertEquals(0, sync.path("revision").asLong());
    }

    @Test
    void commandedUnloadSavesTheChangeFirstWhenFlushOnUnloadIsOn() {
        SampleMonolith old = f.start(Fixture.config().withFlushOnUnload(true));
        f.room(old, "lobby");
        TestBalancerLink link = f.link(old);
        UUID client = Clients.join(f, link, "lobby");
        setTitle(link, client, "kept");
        link.send(new B2M.Unload(RoomName.of("lobby")));
        assertEquals(new M2B.Kick(client, 1001), link.expectSkippingGossip(M2B.Kick.class));
        link.expectSkippingGossip(M2B.Unloaded.class);

        JsonNode sync = joinElsewhere();
        assertEquals("kept", sync.path("title").asText());
        assertEquals(1, sync.path("revision").asLong());
    }

    @Test
    void loadCommandLoadsAStoredRoomThatIsNotLoaded() {
        SampleMonolith m = f.start();
        m.createStoredRoom("stored", Visibility.UNLISTED).join();
        TestBalancerLink link = f.link(m);
        link.send(new B2M.Load(RoomName.of("stored")));
        M2B.Loaded loaded = link.expectSkippingGossip(M2B.Loaded.class);
        assertEquals("stored", loaded.room().name().value());
        assertEquals(Visibility.UNLISTED, loaded.room().visibility());
    }

    @Test
    void loadCommandForAnUnknownRoomDoesNothing() {
        SampleMonolith m = f.start();
        TestBalancerLink link = f.link(m);
        link.send(new B2M.Load(RoomName.of("nowhere")));
        link.expectNothingBut(Duration.ofMillis(300));
        assertEquals(0, m.loadedRooms().join().size());
    }

    private static void setTitle(TestBalancerLink link, UUID client, String title) {
        link.clientMsg(client, "{\"action\":\"req\",\"request\":{\"type\":\"set_title\",\"title\":\"" + title + "\"}}");
        assertEquals("settings", Json.payload(link.expectSkippingGossip(M2B.RoomMsg.class)).path("action").asText());
    }

    /** Joins the room on a second monolith sharing the store and returns the sync it sends. */
    private JsonNode joinElsewhere() {
        SampleMonolith other = f.start();
        TestBalancerLink link = f.link(other);
        link.join("lobby", UUID.randomUUID(), f.token());
        link.expectSkippingGossip(M2B.Loaded.class);
        return Json.payload(link.expectSkippingGossip(M2B.RoomMsg.class));
    }
}
