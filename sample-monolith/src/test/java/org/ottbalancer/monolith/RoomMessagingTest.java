package org.ottbalancer.monolith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class RoomMessagingTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void roomWideMessageIsOneUntargetedRoomMsgPerLinkThatHasClientsInTheRoom() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink a = f.link(m);
        TestBalancerLink b = f.link(m);
        TestBalancerLink idle = f.link(m);
        UUID a1 = Clients.join(f, a, "lobby");
        Clients.join(f, a, "lobby");
        Clients.join(f, b, "lobby");
        a.expectSkippingGossip(M2B.RoomMsg.class); // a's clients are told of b's client

        a.clientMsg(a1, Clients.chat("hello"));

        M2B.RoomMsg onA = a.expectSkippingGossip(M2B.RoomMsg.class);
        M2B.RoomMsg onB = b.expectSkippingGossip(M2B.RoomMsg.class);
        assertTrue(onA.isBroadcast());
        assertTrue(onB.isBroadcast());
        assertEquals("chat", Json.payload(onA).path("action").asText());
        assertEquals("hello", Json.payload(onB).path("text").asText());
        a.expectNothingBut(QUIET);
        b.expectNothingBut(QUIET);
        idle.expectNothingBut(QUIET);
    }

    @Test
    void statusIsAnsweredWithATargetedSyncToTheSenderOnly() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID asker = Clients.join(f, link, "lobby");
        Clients.join(f, link, "lobby");
        link.clientMsg(asker, "{\"action\":\"status\"}");
        M2B.RoomMsg reply = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals(asker, reply.clientId().orElseThrow());
        assertEquals("sync", Json.payload(reply).path("action").asText());
        assertEquals(2, Json.payload(reply).path("users").size());
        link.expectNothingBut(QUIET);
    }

    @Test
    void leaveIsBroadcastAsAUserRemoval() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        Clients.join(f, link, "lobby");
        UUID leaver = Clients.join(f, link, "lobby");
        link.send(new B2M.Leave(leaver));
        M2B.RoomMsg removed = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertTrue(removed.isBroadcast());
        JsonNode update = Json.payload(removed).path("update");
        assertEquals("remove", update.path("kind").asText());
        assertEquals(leaver.toString(), update.path("value").asText());
    }

    @Test
    void kickmeKicksTheSenderWithItsReasonAndTellsTheRoom() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        Clients.join(f, link, "lobby");
        UUID kicked = Clients.join(f, link, "lobby");
        link.clientMsg(kicked, "{\"action\":\"kickme\",\"reason\":4005}");
        assertEquals(new M2B.Kick(kicked, 4005), link.expectSkippingGossip(M2B.Kick.class));
        M2B.RoomMsg removed = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals("remove", Json.payload(removed).path("update").path("kind").asText());
        link.clientMsg(kicked, Clients.chat("ghost"));
        link.expectNothingBut(QUIET);
    }

    @Test
    void closingALinkMakesItsClientsLeaveForEveryoneElse() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink stays = f.link(m);
        TestBalancerLink goes = f.link(m);
        Clients.join(f, stays, "lobby");
        UUID gone = Clients.join(f, goes, "lobby");
        stays.expectSkippingGossip(M2B.RoomMsg.class); // told of gone's arrival
        goes.close();
        M2B.RoomMsg removed = stays.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals("remove", Json.payload(removed).path("update").path("kind").asText());
        assertEquals(gone.toString(), Json.payload(removed).path("update").path("value").asText());
    }

    @Test
    void payloadsThatAreStringsNumbersOrBooleansAreDropped() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = Clients.join(f, link, "lobby");
        link.clientMsg(client, "\"hello\"");
        link.clientMsg(client, "42");
        link.clientMsg(client, "true");
        link.expectNothingBut(QUIET);
        assertTrue(link.isOpen());
    }

    @Test
    void setNameIsBroadcastAsAUserUpdate() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = Clients.join(f, link, "lobby");
        link.clientMsg(client, "{\"action\":\"req\",\"request\":{\"type\":\"set_name\",\"name\":\"Ada\"}}");
        JsonNode update = Json.payload(link.expectSkippingGossip(M2B.RoomMsg.class)).path("update");
        assertEquals("update", update.path("kind").asText());
        assertEquals("Ada", update.path("value").path("name").asText());
    }

    @Test
    void playbackChangesAreBroadcastWithTheNewState() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = Clients.join(f, link, "lobby");
        link.clientMsg(client, "{\"action\":\"req\",\"request\":{\"type\":\"set_video\",\"videoId\":\"abc\"}}");
        link.clientMsg(client, "{\"action\":\"req\",\"request\":{\"type\":\"seek\",\"position\":30}}");
        link.clientMsg(client, "{\"action\":\"req\",\"request\":{\"type\":\"play\"}}");
        link.expectSkippingGossip(M2B.RoomMsg.class);
        link.expectSkippingGossip(M2B.RoomMsg.class);
        JsonNode play = Json.payload(link.expectSkippingGossip(M2B.RoomMsg.class));
        assertEquals("playback", play.path("action").asText());
        assertEquals("abc", play.path("state").path("videoId").asText());
        assertTrue(play.path("state").path("playing").asBoolean());
        assertTrue(play.path("state").path("position").asDouble() >= 30);
        assertEquals(3, play.path("revision").asLong());
    }

    @Test
    void unknownActionsGetATargetedError() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        UUID client = Clients.join(f, link, "lobby");
        link.clientMsg(client, "{\"action\":\"dance\"}");
        M2B.RoomMsg err = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals(client, err.clientId().orElseThrow());
        assertEquals("error", Json.payload(err).path("action").asText());
        assertFalse(Json.payload(err).path("error").asText().isEmpty());
    }
}
