package org.ottbalancer.e2e.migration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ottbalancer.e2e.cluster.MonolithNode;
import org.ottbalancer.e2e.support.DeliveryCheck;
import org.ottbalancer.e2e.support.MigrationNumbers;
import org.ottbalancer.e2e.support.Scenario;
import org.ottbalancer.e2e.support.SuiteCluster;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;
import org.ottbalancer.protocol.agent.DrainReport;
import org.ottbalancer.protocol.agent.DrainRequest;

/**
 * The headline scenario: a monolith is drained through its agent while 500 people chat and change
 * room titles in 50 rooms, through two balancers, with the monoliths saving to a real Redis the way
 * OTT does (5 s debounce, nothing flushed on a commanded unload). Nobody may notice beyond a pause.
 */
class LiveDrainIT {
    static final int ROOMS = 50;
    static final int USERS_PER_ROOM = 10;
    static final Duration CHAT_EVERY = Duration.ofMillis(300);
    static final Duration TITLE_EVERY = Duration.ofSeconds(1);
    static final Duration WARM_UP = Duration.ofSeconds(3);
    static final Duration AFTER_DRAIN = Duration.ofSeconds(3);

    private final SuiteCluster cluster = new SuiteCluster();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void drainingAMonolithUnderLoadMovesItsRoomsWithoutDisconnectingAnyoneOrLosingAMessageOrAChange() throws Exception {
        long setupStart = System.nanoTime();
        cluster.startRedis();
        for (int i = 1; i <= 3; i++) {
            cluster.startInProcessNode(i);
        }
        List<String> rooms = SuiteCluster.roomNames(ROOMS);
        Scenario scenario = cluster.scenario(rooms, USERS_PER_ROOM);
        scenario.startBalancers(2, cluster.agentLinks());
        scenario.awaitLinks(3);
        for (int r = 0; r < ROOMS; r++) {
            MonolithNode home = cluster.nodes().get(r % 3);
            assertTrue(home.monolith().createRoom(rooms.get(r), Visibility.PUBLIC).get(10, TimeUnit.SECONDS),
                    "room " + rooms.get(r) + " could not be created");
        }
        scenario.awaitRoomsMapped();
        scenario.connectUsers();
        System.out.printf("[LiveDrainIT] setup: %d rooms, %d users on 2 balancers, ready after %d ms%n", ROOMS,
                scenario.users().size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setupStart));

        scenario.startTraffic(CHAT_EVERY, TITLE_EVERY);
        Thread.sleep(WARM_UP.toMillis());

        MonolithNode victim = Observations.busiest(cluster.nodes());
        int victimRooms = victim.monolith().loadedRooms().get(5, TimeUnit.SECONDS).size();
        long drainStart = System.nanoTime();
        DrainReport drain = victim.agent().drain(DrainRequest.DEFAULTS).get(120, TimeUnit.SECONDS);
        long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart);
        Thread.sleep(AFTER_DRAIN.toMillis());
        scenario.stopTraffic();

        // Let everything sent reach everybody; a lost message shows up below rather than as a timeout here.
        Observations.awaitQuietly(scenario);

        List<String> closed = Observations.closedSockets(scenario.users());
        DeliveryCheck delivery = DeliveryCheck.of(scenario.users(), USERS_PER_ROOM, sender -> 0);
        List<String> lostTitles = Observations.lostTitles(scenario);
        Map<String, List<Integer>> placement = cluster.placement(rooms);
        List<String> misplaced = SuiteCluster.notOnExactlyOneOf(placement, rooms, cluster.others(victim));
        List<String> leftOnVictim = victim.monolith().loadedRooms().get(5, TimeUnit.SECONDS).stream().map(RoomName::value).toList();
        List<String> problems = Observations.userProblems(scenario.users());
        MigrationNumbers numbers = MigrationNumbers.of(scenario.balancers());

        System.out.println("[LiveDrainIT] ===== live drain results =====");
        System.out.printf("[LiveDrainIT] drained monolith %d: %d rooms at start; drain %s in %d ms (agent: %d moved, %d remaining)%n",
                victim.number(), victimRooms, drain.phase(), drainMillis, drain.roomsMoved(), drain.roomsRemaining());
        System.out.printf("[LiveDrainIT] longest freeze: agent %d ms, balancers %.0f ms (balancer_migration_freeze_seconds max, %d freezes)%n",
                drain.longestFreezeMillis(), numbers.longestFreezeMillis(), numbers.freezes());
        System.out.printf("[LiveDrainIT] clients migrated (balancer_migration_clients_total, both balancers): %.0f; rooms re-homed: %.0f; "
                + "longest move: %.0f ms; migration timeouts: %.0f; buffer overflows: %.0f%n", numbers.clientsMigrated(),
                numbers.roomsMigrated(), numbers.longestMoveMillis(), numbers.timeouts(), numbers.bufferOverflows());
        System.out.printf("[LiveDrainIT] chat messages sent: %d; live chat deliveries received: %d; %s%n",
                scenario.messagesSent(), scenario.messagesReceived(), delivery.summary());
        System.out.printf("[LiveDrainIT] closed client sockets: %d; rooms with a lost title: %d; misplaced rooms: %d%n",
                closed.size(), lostTitles.size(), misplaced.size());

        assertAll(
                () -> assertEquals("done", drain.phase(), "drain report: " + drain),
                () -> assertEquals(List.of(), closed, "client sockets closed by the server"),
                () -> assertEquals(List.of(), problems, "unexpected frames"),
                () -> assertTrue(delivery.perfect(), delivery.summary()),
                () -> assertEquals(List.of(), lostTitles, "rooms whose last title change did not survive"),
                () -> assertEquals(List.of(), misplaced, "rooms not on exactly one remaining monolith"),
                () -> assertEquals(List.of(), leftOnVictim, "rooms still on the drained monolith"));
    }
}
