package org.ottbalancer.balancer.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.RoomName;

class PlacementTest {
    private final RoomName room = RoomName.of("lobby");
    private final Placement minRoomsInEwr = new Placement("ewr", new MinRoomsStrategy());

    @Test
    void eligibleLeavesOutDrainingMonoliths() {
        TestCandidate active = TestCandidate.active("ewr", 0);
        TestCandidate draining = TestCandidate.draining("ewr");

        assertEquals(List.of(active), Placement.eligible(List.of(draining, active)));
    }

    @Test
    void eligibleOfOnlyDrainingMonolithsIsEmpty() {
        assertEquals(List.of(), Placement.eligible(List.of(TestCandidate.draining("ewr"), TestCandidate.draining("ams"))));
    }

    @Test
    void placesWithTheConfiguredStrategy() {
        TestCandidate busy = TestCandidate.active("ewr", 5);
        TestCandidate quiet = TestCandidate.active("ewr", 1);

        assertSame(quiet, minRoomsInEwr.place(room, List.of(busy, quiet)).orElseThrow());
    }

    @Test
    void aDrainingMonolithNeverGetsANewRoomEvenWhenItHasTheFewestRooms() {
        TestCandidate draining = TestCandidate.draining("ewr");
        TestCandidate active = TestCandidate.active("ewr", 40);

        assertSame(active, minRoomsInEwr.place(room, List.of(draining, active)).orElseThrow());
    }

    @Test
    void prefersMonolithsInTheBalancersRegion() {
        TestCandidate far = TestCandidate.active("ams", 0);
        TestCandidate near = TestCandidate.active("ewr", 10);

        assertSame(near, minRoomsInEwr.place(room, List.of(far, near)).orElseThrow());
    }

    @Test
    void fallsBackToOtherRegionsWhenNoMonolithIsInRegion() {
        TestCandidate ams = TestCandidate.active("ams", 3);
        TestCandidate sin = TestCandidate.active("sin", 1);

        assertSame(sin, minRoomsInEwr.place(room, List.of(ams, sin)).orElseThrow());
    }

    @Test
    void fallsBackToOtherRegionsWhenEveryInRegionMonolithIsDraining() {
        TestCandidate drainingNear = TestCandidate.draining("ewr");
        TestCandidate far = TestCandidate.active("ams", 8);

        assertSame(far, minRoomsInEwr.place(room, List.of(drainingNear, far)).orElseThrow());
    }

    @Test
    void placesNothingWhenEveryMonolithIsDraining() {
        assertEquals(Optional.empty(),
                minRoomsInEwr.place(room, List.of(TestCandidate.draining("ewr"), TestCandidate.draining("ams"))));
    }

    @Test
    void placesNothingWhenNoMonolithIsConnected() {
        assertEquals(Optional.empty(), minRoomsInEwr.place(room, List.<TestCandidate>of()));
    }

    @Test
    void randomAnyPicksOnlyActiveInRegionMonoliths() {
        TestCandidate near1 = TestCandidate.active("ewr", 0);
        TestCandidate near2 = TestCandidate.active("ewr", 0);
        List<TestCandidate> connected = List.of(TestCandidate.active("ams", 0), near1, TestCandidate.draining("ewr"), near2);
        Set<TestCandidate> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            seen.add(minRoomsInEwr.randomAny(connected).orElseThrow());
        }
        assertEquals(Set.of(near1, near2), seen);
    }

    @Test
    void randomAnyIgnoresTheConfiguredStrategy() {
        TestCandidate quiet = TestCandidate.active("ewr", 0);
        TestCandidate busy = TestCandidate.active("ewr", 100);
        Set<TestCandidate> seen = new HashSet<>();
        for (int i = 0; i < 10_000 && seen.size() < 2; i++) {
            seen.add(minRoomsInEwr.randomAny(List.of(quiet, busy)).orElseThrow());
        }
        assertTrue(seen.contains(busy), "MinRooms would never pick the busy monolith; the random route must");
    }

    @Test
    void randomAnyFallsBackToDrainingMonolithsWhenAllAreDraining() {
        TestCandidate draining = TestCandidate.draining("ewr");

        assertSame(draining, minRoomsInEwr.randomAny(List.of(draining)).orElseThrow());
    }

    @Test
    void randomAnyPrefersInRegionAmongDrainingMonolithsWhenAllAreDraining() {
        TestCandidate near = TestCandidate.draining("ewr");
        TestCandidate far = TestCandidate.draining("ams");
        for (int i = 0; i < 200; i++) {
            assertSame(near, minRoomsInEwr.randomAny(List.of(far, near)).orElseThrow());
        }
    }

    @Test
    void randomAnyFindsNothingWhenNoMonolithIsConnected() {
        assertEquals(Optional.empty(), minRoomsInEwr.randomAny(List.<TestCandidate>of()));
    }
}
