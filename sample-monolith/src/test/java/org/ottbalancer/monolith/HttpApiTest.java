package org.ottbalancer.monolith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.monolith.support.Clients;
import org.ottbalancer.monolith.support.Fixture;
import org.ottbalancer.monolith.support.Json;
import org.ottbalancer.monolith.support.TestBalancerLink;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.Visibility;

class HttpApiTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void generateReplies201WithTheNameAndAnnouncesTheRoomAsLoaded() {
        SampleMonolith m = f.start();
        TestBalancerLink link = f.link(m);
        HttpResponse<String> res = f.post(m, "/api/room/generate", "{}");
        assertEquals(201, res.statusCode());
        JsonNode body = Json.parse(res.body());
        assertTrue(body.path("success").asBoolean());
        String name = body.path("room").asText();
        M2B.Loaded loaded = link.expectSkippingGossip(M2B.Loaded.class);
        assertEquals(name, loaded.room().name().value());
        assertEquals("true", loaded.room().isTemporary().text());
    }

    @Test
    void generatedRoomIsOnlyInMemoryUntilItsFirstSave() {
        SampleMonolith m = f.start();
        String name = Json.parse(f.post(m, "/api/room/generate", "{}").body()).path("room").asText();
        SampleMonolith other = f.start();
        TestBalancerLink link = f.link(other);
        UUID client = UUID.randomUUID();
        link.join(name, client, f.token());
        assertEquals(new M2B.Kick(client, 4002), link.expectSkippingGossip(M2B.Kick.class));
    }

    @Test
    void grantedTokensAreAcceptedByEveryMonolithSharingTheStore() {
        SampleMonolith granter = f.start();
        SampleMonolith other = f.start();
        f.room(other, "lobby");
        String token = Json.parse(f.get(granter, "/api/auth/grant").body()).path("token").asText();
        assertTrue(token.length() >= 40, "token " + token);
        TestBalancerLink link = f.link(other);
        UUID client = UUID.randomUUID();
        link.join("lobby", client, token);
        M2B.RoomMsg sync = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals("sync", Json.payload(sync).path("action").asText());
    }

    @Test
    void createRoomReplies201ThenConflictsOnTheSameNameInAnyCase() {
        SampleMonolith m = f.start();
        assertEquals(201, f.post(m, "/api/room", "{\"name\":\"movies\",\"title\":\"Movie night\"}").statusCode());
        HttpResponse<String> again = f.post(m, "/api/room", "{\"name\":\"MOVIES\"}");
        assertEquals(409, again.statusCode());
        assertEquals("RoomNameTakenException", Json.parse(again.body()).path("error").path("name").asText());
    }

    @Test
    void createRoomRejectsInvalidNamesWith400() {
        SampleMonolith m = f.start();
        for (String bad : new String[] {"ab", "has space", "a".repeat(33), "sl/ash"}) {
            HttpResponse<String> res = f.post(m, "/api/room", "{\"name\":\"" + bad + "\"}");
            assertEquals(400, res.statusCode(), bad);
        }
        assertEquals(400, f.post(m, "/api/room", "not json").statusCode());
        assertEquals(400, f.post(m, "/api/room", "{\"name\":\"fine\",\"visibility\":\"secret\"}").statusCode());
    }

    @Test
    void getRoomShowsTheRoomOr404() {
        SampleMonolith m = f.start();
        f.post(m, "/api/room", "{\"name\":\"movies\",\"title\":\"Movie night\",\"visibility\":\"unlisted\"}");
        HttpResponse<String> res = f.get(m, "/api/room/Movies");
        assertEquals(200, res.statusCode());
        JsonNode room = Json.parse(res.body());
        assertEquals("movies", room.path("name").asText());
        assertEquals("Movie night", room.path("title").asText());
        assertEquals("unlisted", room.path("visibility").asText());
        assertEquals(404, f.get(m, "/api/room/unknown").statusCode());
    }

    @Test
    void roomListHasPublicLoadedRoomsByUsersThenName() {
        SampleMonolith m = f.start();
        f.room(m, "bravo");
        f.room(m, "alpha");
        f.room(m, "busy");
        m.createRoom("hidden", Visibility.PRIVATE).join();
        TestBalancerLink link = f.link(m);
        Clients.join(f, link, "busy");
        JsonNode list = Json.parse(f.get(m, "/api/room/list").body());
        assertEquals(3, list.size());
        assertEquals("busy", list.get(0).path("name").asText());
        assertEquals(1, list.get(0).path("users").asInt());
        assertEquals("alpha", list.get(1).path("name").asText());
        assertEquals("bravo", list.get(2).path("name").asText());
    }

    @Test
    void statusAnswersOk() {
        SampleMonolith m = f.start();
        HttpResponse<String> res = f.get(m, "/api/status");
        assertEquals(200, res.statusCode());
        assertEquals("OK", res.body());
    }

    @Test
    void metricsCountRoomsLinksAndClientsByType() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        Clients.join(f, link, "lobby");
        String text = f.get(m, "/metrics").body();
        assertTrue(text.contains("ott_rooms_loaded 1.0"), text);
        assertTrue(text.contains("ott_balancer_connections 1.0"), text);
        assertTrue(text.contains("ott_clients_connected{clientType=\"balancer.js\"} 1.0"), text);
        assertTrue(text.contains("ott_clients_connected{clientType=\"direct\"} 0.0"), text);
        assertTrue(text.contains("ott_room_saves_total"), text);
    }

    @Test
    void roomPageIsServedAtRootAndRoomPathsWithItsScript() {
        SampleMonolith m = f.start();
        HttpResponse<String> root = f.get(m, "/");
        assertEquals(200, root.statusCode());
        assertTrue(root.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(root.body().contains("/static/room.js"));
        assertEquals(root.body(), f.get(m, "/room/lobby").body());
        HttpResponse<String> js = f.get(m, "/static/room.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.body().contains("location.host + \"/api/room/\""));
        assertEquals(404, f.get(m, "/static/../pom.xml").statusCode());
    }
}
