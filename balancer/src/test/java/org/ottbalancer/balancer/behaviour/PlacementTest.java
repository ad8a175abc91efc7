package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ottbalancer.balancer.behaviour.StateQueries.holds;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.config.SelectionStrategyConfig;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;

/** Spec §5.2, §5.3, §10.7, §10.19 and the §11 fix for empty region lists: where new rooms go. */
class PlacementTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private MockMonolith monolithIn(String region) {
        return fx.monolith(MockMonolith.Options.defaults().withRegion(region));
    }

    @Test
    void minRoomsPlacesANewRoomOnTheMonolithWithFewestRooms() {
        RunningBalancer b = fx.balancer();
        MockMonolith busy = fx.monolith();
        MockMonolith idle = fx.monolith();
        b.connect(busy, idle);
        busy.load("a", 1);
        busy.load("b", 2);
        Eventually.await(WAIT, "rooms of busy held", () -> holds(b, busy, "a") && holds(b, busy, "b"));

        assertSame(idle, b.join("new-room", busy, idle).monolith());
    }

    @Test
    void minRoomsCountsPlaceholdersAsRooms() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);

        JoinedClient first = b.join("room-1", m1, m2);
        JoinedClient second = b.join("room-2", m1, m2);

        assertNotSame(first.monolith(), second.monolith());
    }

    @Test
    void anExistingMappingBeatsTheStrategysChoice() {
        RunningBalancer b = fx.balancer();
        MockMonolith busy = fx.monolith();
        MockMonolith idle = fx.monolith();
        b.connect(busy, idle);
        busy.load("a", 1);
        busy.load("b", 2);
        Eventually.await(WAIT, "rooms of busy held", () -> holds(b, busy, "a") && holds(b, busy, "b"));

        assertSame(busy, b.join("b", busy, idle).monolith());
    }

    @Test
    void hashRingPlacesEachRoomNameOnTheSameMonolithInEveryBalancer() {
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        MockMonolith m3 = fx.monolith();
        RunningBalancer b1 = fx.balancer(c -> c.withSelectionStrategy(new SelectionStrategyConfig.HashRing(5)));
        RunningBalancer b2 = fx.balancer(c -> c.withSelectionStrategy(new SelectionStrategyConfig.HashRing(5)));
        b1.connect(m1, m2, m3);
        b2.connect(m1, m2, m3);

        for (int i = 0; i < 12; i++) {
            String room = "hashed-" + i;
            assertSame(b1.join(room, m1, m2, m3).monolith(), b2.join(room, m1, m2, m3).monolith(), room);
        }
    }

    @Test
    void hashRingHashesTheRoomNameCaseInsensitively() {
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        MockMonolith m3 = fx.monolith();
        RunningBalancer b1 = fx.balancer(c -> c.withSelectionStrategy(new SelectionStrategyConfig.HashRing(1)));
        RunningBalancer b2 = fx.balancer(c -> c.withSelectionStrategy(new SelectionStrategyConfig.HashRing(1)));
        b1.connect(m1, m2, m3);
        b2.connect(m1, m2, m3);

        for (int i = 0; i < 8; i++) {
            assertSame(b1.join("Room-" + i, m1, m2, m3).monolith(), b2.join("rOOm-" + i, m1, m2, m3).monolith());
        }
    }

    @Test
    void randomStrategyUsesEveryMonolith() {
        RunningBalancer b = fx.balancer(c -> c.withSelectionStrategy(new SelectionStrategyConfig.Random()));
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);

        Set<MockMonolith> used = new HashSet<>();
        for (int i = 0; i < 40 && used.size() < 2; i++) {
            used.add(b.join("random-" + i, m1, m2).monolith());
        }

        assertEquals(2, used.size());
    }

    @Test
    void newRoomsGoOnlyToMonolithsInTheBalancersRegion() {
        RunningBalancer b = fx.balancer(c -> c.withRegion("ewr"));
        MockMonolith local = monolithIn("ewr");
        MockMonolith remote = monolithIn("iad");
        b.connect(local, remote);

        for (int i = 0; i < 6; i++) {
            assertSame(local, b.join("regional-" + i, local, remote).monolith());
        }
    }

    @Test
    void newRoomsGoToAnyMonolithWhenNoneIsInTheBalancersRegion() {
        RunningBalancer b = fx.balancer(c -> c.withRegion("ewr"));
        MockMonolith a = monolithIn("iad");
        MockMonolith c = monolithIn("sjc");
        b.connect(a, c);

        Map<MockMonolith, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            counts.merge(b.join("anywhere-" + i, a, c).monolith(), 1, Integer::sum);
        }

        assertEquals(2, counts.size(), "MinRooms over all monoliths uses both: " + counts);
    }

    @Test
    void newRoomsFallBackToOtherRegionsOnceTheLastInRegionMonolithIsGone() {
        RunningBalancer b = fx.balancer(c -> c.withRegion("ewr"));
        MockMonolith local = monolithIn("ewr");
        MockMonolith remote = monolithIn("iad");
        b.connect(local, remote);

        b.discover(remote);
        b.awaitUnregistered(local);

        assertSame(remote, b.join("after-local-left", local, remote).monolith());
    }

    @Test
    void anExistingMappingIsHonouredRegardlessOfRegion() {
        RunningBalancer b = fx.balancer(c -> c.withRegion("ewr"));
        MockMonolith local = monolithIn("ewr");
        MockMonolith remote = monolithIn("iad");
        b.connect(local, remote);
        remote.load("remote-room", 3);
        Eventually.await(WAIT, "remote room held", () -> holds(b, remote, "remote-room"));

        assertSame(remote, b.join("remote-room", local, remote).monolith());
    }

    @Test
    void hashRingWeightZeroIsAcceptedAsOne() {
        assertTrue(new SelectionStrategyConfig.HashRing(0).weight() >= 1);
        RunningBalancer b = fx.balancer(c -> c.withSelectionStrategy(new SelectionStrategyConfig.HashRing(0)));
        MockMonolith m = fx.monolith();
        b.connect(m);

        assertSame(m, b.join("weightless", m).monolith());
    }
}
