package org.ottbalancer.balancer.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ottbalancer.balancer.harness.BalancerFixture.API_KEY;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;
import org.ottbalancer.protocol.registry.MonolithState;

/** What the dashboard's snapshot ({@code GET /dashboard/state}) says about monoliths, rooms and moves. */
class ClusterSnapshotTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private static JsonNode snapshot(RunningBalancer b) {
        HttpResponse<String> r = b.http().get("/dashboard/state", "Authorization", "Bearer " + API_KEY);
        assertEquals(200, r.statusCode(), r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private static JsonNode monolith(JsonNode snapshot, MockMonolith m) {
        for (JsonNode node : snapshot.path("monoliths")) {
            if (node.path("id").asText().equals(m.id().toString())) {
                return node;
            }
        }
        return null;
    }

    private static JsonNode room(JsonNode monolith, String name) {
        for (JsonNode node : monolith.path("rooms")) {
            if (node.path("name").asText().equals(name)) {
                return node;
            }
        }
        return null;
    }

    /** Polls the snapshot until {@code condition} holds, and returns that snapshot. */
    private static JsonNode awaitSnapshot(RunningBalancer b, String what, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        Eventually.await(WAIT, what, () -> {
            last[0] = snapshot(b);
            return condition.test(last[0]);
        });
        return last[0];
    }

    @Test
    void namesTheBalancerAndCountsItsClients() {
        RunningBalancer b = fx.balancer();

        JsonNode s = snapshot(b);

        assertEquals(b.id().toString(), s.path("balancer").path("id").asText());
        assertEquals("unknown", s.path("balancer").path("region").asText());
        assertEquals(0, s.path("balancer").path("clients").asInt());
        assertTrue(s.path("monoliths").isArray() && s.path("monoliths").isEmpty(), s.toString());
    }

    @Test
    void listsEveryMonolithWithItsRegionAndAddresses() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withRegion("ams"));
        b.connect(m);

        JsonNode node = monolith(snapshot(b), m);

        assertEquals("ams", node.path("region").asText());
        assertEquals("127.0.0.1:" + m.port(), node.path("endpoint").asText());
        assertEquals("127.0.0.1:" + m.httpPort(), node.path("http").asText());
        assertFalse(node.path("draining").asBoolean());
        assertFalse(node.path("agent").asBoolean());
        assertTrue(node.path("load").isNull(), "no load reported yet");
    }

    @Test
    void showsAMonolithWhoseAgentAnnouncedADrainAsDraining() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        m.send(new M2B.Status(MonolithState.DRAINING));

        JsonNode s = awaitSnapshot(b, "the monolith shown draining", x -> monolith(x, m).path("draining").asBoolean());
        assertTrue(monolith(s, m).path("agent").asBoolean(), "the announcement came from an agent");
    }

    @Test
    void listsEachRoomWithItsTitleItsUsersAndTheClientsConnectedHere() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        m.load(MockMonolith.metadata("lobby", Visibility.PUBLIC, 3), 1);
        b.join("lobby", m);

        JsonNode s = awaitSnapshot(b, "a client in lobby", x -> {
            JsonNode r = room(monolith(x, m), "lobby");
            return r != null && r.path("clients").asInt() == 1;
        });

        JsonNode lobby = room(monolith(s, m), "lobby");
        assertEquals("title of lobby", lobby.path("title").asText());
        assertEquals("public", lobby.path("visibility").asText());
        assertEquals(3, lobby.path("users").asInt(), "the monolith's count, over every balancer");
        assertFalse(lobby.path("frozen").asBoolean());
        assertEquals(1, s.path("balancer").path("clients").asInt());
    }

    @Test
    void showsAFrozenRoomAndCountsItAmongTheFrozenRooms() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        m.load("lobby", 1);

        m.send(new M2B.Freeze(RoomName.of("lobby"), 4_000));

        JsonNode s = awaitSnapshot(b, "lobby frozen", x -> room(monolith(x, m), "lobby").path("frozen").asBoolean());
        assertTrue(room(monolith(s, m), "lobby").path("frozen_ms").asLong() >= 0);
        assertEquals(1, s.path("migration").path("frozen_rooms").asInt());
    }

    @Test
    void carriesTheMigrationCounters() {
        RunningBalancer b = fx.balancer();
        b.server().metrics().roomMigrated(4, 1_000_000);
        b.server().metrics().migrationTimedOut(2);
        b.server().metrics().migrationBufferOverflow();

        JsonNode migration = snapshot(b).path("migration");

        assertEquals(1, migration.path("rooms_moved").asInt());
        assertEquals(4, migration.path("clients_moved").asInt());
        assertEquals(2, migration.path("clients_timed_out").asInt());
        assertEquals(1, migration.path("buffer_overflows").asInt());
        assertEquals(0, migration.path("held_clients").asInt());
    }

    @Test
    void ordersMonolithsByIdAndRoomsByName() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        m1.load("zebra", 1);
        m1.load("aardvark", 2);

        JsonNode s = awaitSnapshot(b, "both rooms listed", x -> monolith(x, m1).path("rooms").size() == 2);

        String first = s.path("monoliths").get(0).path("id").asText();
        String second = s.path("monoliths").get(1).path("id").asText();
        assertTrue(first.compareTo(second) < 0, first + " before " + second);
        JsonNode rooms = monolith(s, m1).path("rooms");
        assertEquals("aardvark", rooms.get(0).path("name").asText());
        assertEquals("zebra", rooms.get(1).path("name").asText());
    }
}
