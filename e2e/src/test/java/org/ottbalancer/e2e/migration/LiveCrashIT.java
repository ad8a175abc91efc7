package org.ottbalancer.e2e.migration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ottbalancer.e2e.support.Await;
import org.ottbalancer.e2e.support.ChatUser;
import org.ottbalancer.e2e.support.DeliveryCheck;
import org.ottbalancer.e2e.support.MigrationNumbers;
import org.ottbalancer.e2e.support.Scenario;
import org.ottbalancer.e2e.support.SuiteCluster;
import org.ottbalancer.monolith.store.RedisRoomStore;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;

/**
 * A monolith dies abruptly (SIGKILL, no drain) under the same load as the drain suite. Its rooms'
 * people must stay connected, the rooms must come back on the surviving monoliths from their last
 * save, and chatting must go on. What was not saved yet may be lost; nothing older may be.
 */
class LiveCrashIT {
    static final int ROOMS = 50;
    static final int USERS_PER_ROOM = 10;
    static final Duration CHAT_EVERY = Duration.ofMillis(300);
    static final Duration TITLE_EVERY = Duration.ofSeconds(1);
    /** Longer than the save delay, so that every room has been saved with some changes before the kill. */
    static final Duration WARM_UP = Duration.ofSeconds(7);
    static final Duration AFTER_RECOVERY = Duration.ofSeconds(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SuiteCluster cluster = new SuiteCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killingAMonolithKeepsEveryoneConnectedAndBringsItsRoomsBackFromTheirLastSave() throws Exception {
        cluster.startRedis();
        cluster.startInProcessNode(1);
        cluster.startInProcessNode(2);
        SuiteCluster.ExternalNode doomed = cluster.startExternalNode(3);
        List<String> rooms = SuiteCluster.roomNames(ROOMS);
        Scenario scenario = cluster.scenario(rooms, USERS_PER_ROOM);
        scenario.startBalancers(2, cluster.agentLinks());
        scenario.awaitLinks(3);
        List<String> doomedRooms = new ArrayList<>();
        for (int r = 0; r < ROOMS; r++) {
            if (r % 3 == 2) {
                createOverHttp(doomed.httpPort(), rooms.get(r));
                doomedRooms.add(rooms.get(r));
            } else {
                assertTrue(cluster.nodes().get(r % 3).monolith().createRoom(rooms.get(r), Visibility.PUBLIC).get(10, TimeUnit.SECONDS));
            }
        }
        scenario.awaitRoomsMapped();
        scenario.connectUsers();
        scenario.startTraffic(CHAT_EVERY, TITLE_EVERY);
        Thread.sleep(WARM_UP.toMillis());

        Map<String, Long> savedBeforeKill = savedRevisions(doomedRooms);
        long killedAt = System.nanoTime();
        doomed.process().destroyForcibly();
        assertTrue(doomed.process().waitFor(10, TimeUnit.SECONDS), "the monolith process did not die");

        Await.until("every room on exactly one surviving monolith", Duration.ofSeconds(30),
                () -> misplaced(rooms).isEmpty(), () -> String.valueOf(misplacedQuietly(rooms)));
        Await.until("every user of the killed monolith's rooms re-synced", Duration.ofSeconds(30),
                () -> scenario.users().stream().filter(u -> doomedRooms.contains(u.room())).allMatch(u -> u.syncs() >= 2));
        long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        Map<Integer, Integer> sentAtRecovery = new HashMap<>();
        for (ChatUser u : scenario.users()) {
            sentAtRecovery.put(u.index(), u.lastSeqSent());
        }
        Thread.sleep(AFTER_RECOVERY.toMillis());
        scenario.stopTraffic();
        Observations.awaitQuietly(scenario);

        List<String> closed = Observations.closedSockets(scenario.users());
        List<String> problems = Observations.userProblems(scenario.users());
        DeliveryCheck afterRecovery = DeliveryCheck.of(scenario.users(), USERS_PER_ROOM, sentAtRecovery::get);
        List<String> misplaced = misplaced(rooms);
        List<String> rolledBackTooFar = new ArrayList<>();
        for (String room : doomedRooms) {
            long now = scenario.freshSync(room, scenario.balancers().get(0).port()).path("revision").asLong(-1);
            long saved = savedBeforeKill.get(room);
            if (now < saved) {
                rolledBackTooFar.add(room + ": revision " + now + " is older than the last save before the kill (" + saved + ")");
            }
        }
        MigrationNumbers numbers = MigrationNumbers.of(scenario.balancers());

        System.out.println("[LiveCrashIT] ===== monolith crash results =====");
        System.out.printf("[LiveCrashIT] killed monolith 3 (process) holding %d rooms; all rooms back on monoliths 1-2 and their users re-synced after %d ms%n",
                doomedRooms.size(), recoveryMillis);
        System.out.printf("[LiveCrashIT] clients migrated (balancer_migration_clients_total): %.0f; rooms re-homed: %.0f; longest move: %.0f ms; "
                + "timeouts: %.0f%n", numbers.clientsMigrated(), numbers.roomsMigrated(), numbers.longestMoveMillis(), numbers.timeouts());
        System.out.printf("[LiveCrashIT] chat messages sent: %d; live deliveries received: %d; after recovery: %s%n",
                scenario.messagesSent(), scenario.messagesReceived(), afterRecovery.summary());
        System.out.printf("[LiveCrashIT] closed client sockets: %d; rooms rolled back past their last save: %d%n", closed.size(),
                rolledBackTooFar.size());

        assertAll(
                () -> assertEquals(List.of(), closed, "client sockets closed by the server"),
                () -> assertEquals(List.of(), problems, "unexpected frames"),
                () -> assertEquals(List.of(), misplaced, "rooms not on exactly one surviving monolith"),
                () -> assertTrue(afterRecovery.perfect(), "after recovery: " + afterRecovery.summary()),
                () -> assertEquals(List.of(), rolledBackTooFar, "rooms older than their last save"));
    }

    private List<String> misplaced(List<String> rooms) {
        try {
            return SuiteCluster.notOnExactlyOneOf(cluster.placement(rooms), rooms, cluster.nodes());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> misplacedQuietly(List<String> rooms) {
        List<String> m = misplaced(rooms);
        return m.size() > 5 ? m.subList(0, 5) : m;
    }

    /** Each room's revision as last saved in Redis: what a crash may roll it back to, and no further. */
    private Map<String, Long> savedRevisions(List<String> rooms) throws Exception {
        Map<String, Long> saved = new HashMap<>();
        RedisRoomStore store = cluster.newStore();
        for (String room : rooms) {
            Optional<String> json = store.loadRoom(RoomName.of(room)).get(5, TimeUnit.SECONDS);
            saved.put(room, json.isEmpty() ? 0L : JSON.readTree(json.get()).path("revision").asLong(0));
        }
        return saved;
    }

    private static void createOverHttp(int httpPort, String room) throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/room"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + room + "\",\"visibility\":\"public\"}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, res.statusCode(), "POST /api/room for " + room + ": " + res.body());
    }
}
