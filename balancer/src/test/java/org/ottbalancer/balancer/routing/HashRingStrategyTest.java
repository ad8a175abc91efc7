package org.ottbalancer.balancer.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ottbalancer.balancer.config.SelectionStrategyConfig;
import org.ottbalancer.protocol.RoomName;

class HashRingStrategyTest {
    private static final int ROOMS = 10_000;

    private static List<RoomName> rooms() {
        List<RoomName> rooms = new ArrayList<>(ROOMS);
        for (int i = 0; i < ROOMS; i++) {
            rooms.add(RoomName.of("room-" + i));
        }
        return rooms;
    }

    private static Map<RoomName, UUID> placeAll(HashRingStrategy strategy, List<TestCandidate> candidates) {
        Map<RoomName, UUID> placement = new HashMap<>();
        for (RoomName room : rooms()) {
            placement.put(room, strategy.select(room, candidates).orElseThrow().id());
        }
        return placement;
    }

    @Test
    void emptyCandidatesSelectNothing() {
        assertEquals(Optional.empty(), new HashRingStrategy(5).select(RoomName.of("lobby"), List.<TestCandidate>of()));
    }

    @Test
    void aSingleCandidateTakesEveryRoom() {
        TestCandidate only = TestCandidate.active("unknown", 0);
        HashRingStrategy strategy = new HashRingStrategy(1);
        for (RoomName room : rooms().subList(0, 100)) {
            assertSame(only, strategy.select(room, List.of(only)).orElseThrow());
        }
    }

    @Test
    void theSameRoomGoesToTheSameMonolithOnEveryCall() {
        List<TestCandidate> candidates = TestCandidate.seeded(1, 5);
        HashRingStrategy strategy = new HashRingStrategy(5);
        TestCandidate first = strategy.select(RoomName.of("lobby"), candidates).orElseThrow();
        for (int i = 0; i < 50; i++) {
            assertSame(first, strategy.select(RoomName.of("lobby"), candidates).orElseThrow());
        }
    }

    @Test
    void separateInstancesPlaceEveryRoomIdentically() {
        List<TestCandidate> candidates = TestCandidate.seeded(2, 5);

        assertEquals(placeAll(new HashRingStrategy(5), candidates), placeAll(new HashRingStrategy(5), candidates));
    }

    @Test
    void placementDoesNotDependOnCandidateOrder() {
        List<TestCandidate> candidates = TestCandidate.seeded(3, 5);
        List<TestCandidate> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, new Random(42));

        assertEquals(placeAll(new HashRingStrategy(5), candidates), placeAll(new HashRingStrategy(5), shuffled));
    }

    @Test
    void placementDependsOnlyOnMonolithIdsNotOnTheirLoad() {
        List<TestCandidate> candidates = TestCandidate.seeded(4, 5);
        List<TestCandidate> sameIdsOtherState = new ArrayList<>();
        for (TestCandidate candidate : candidates) {
            sameIdsOtherState.add(new TestCandidate(candidate.id(), "elsewhere", 99, false, OptionalDouble.of(0.9)));
        }
        HashRingStrategy strategy = new HashRingStrategy(5);
        for (RoomName room : rooms().subList(0, 500)) {
            assertEquals(strategy.select(room, candidates).orElseThrow().id(),
                    strategy.select(room, sameIdsOtherState).orElseThrow().id());
        }
    }

    @Test
    void roomNamesDifferingOnlyInCaseGoToTheSameMonolith() {
        List<TestCandidate> candidates = TestCandidate.seeded(5, 5);
        HashRingStrategy strategy = new HashRingStrategy(5);

        assertSame(strategy.select(RoomName.of("foo"), candidates).orElseThrow(),
                strategy.select(RoomName.of("Foo"), candidates).orElseThrow());
        for (int i = 0; i < 500; i++) {
            assertSame(strategy.select(RoomName.of("movie-night-" + i), candidates).orElseThrow(),
                    strategy.select(RoomName.of("Movie-NIGHT-" + i), candidates).orElseThrow());
        }
    }

    @Test
    void everyMonolithReceivesSomeRooms() {
        List<TestCandidate> candidates = TestCandidate.seeded(6, 5);
        Set<UUID> used = new HashSet<>(placeAll(new HashRingStrategy(SelectionStrategyConfig.HashRing.DEFAULT_WEIGHT), candidates).values());

        assertEquals(5, used.size());
    }

    @Test
    void removingOneOfFiveMonolithsMovesOnlyTheRoomsItHeld() {
        List<TestCandidate> five = TestCandidate.seeded(7, 5);
        TestCandidate removed = five.get(2);
        List<TestCandidate> four = new ArrayList<>(five);
        four.remove(removed);
        HashRingStrategy strategy = new HashRingStrategy(SelectionStrategyConfig.HashRing.DEFAULT_WEIGHT);

        Map<RoomName, UUID> before = placeAll(strategy, five);
        Map<RoomName, UUID> after = placeAll(strategy, four);

        int moved = 0;
        for (RoomName room : before.keySet()) {
            if (before.get(room).equals(removed.id())) {
                moved++;
            } else {
                assertEquals(before.get(room), after.get(room), () -> room + " moved although its monolith stayed");
            }
        }
        assertTrue(moved > 0, "the removed monolith held no rooms, so the test proves nothing");
    }

    @Test
    void addingASixthMonolithMovesRoughlyOneSixthOfTheRoomsAllToTheNewcomer() {
        List<TestCandidate> five = TestCandidate.seeded(8, 5);
        TestCandidate newcomer = TestCandidate.seeded(9, 1).get(0);
        List<TestCandidate> six = new ArrayList<>(five);
        six.add(newcomer);
        // With few virtual nodes the newcomer's share depends a lot on where its points happen to
        // land (weight 5 ranges from about 4% to 30% across id sets); 100 nodes make "about 1/6" a
        // property of the ring rather than of the ids this test happens to use.
        HashRingStrategy strategy = new HashRingStrategy(100);

        Map<RoomName, UUID> before = placeAll(strategy, five);
        Map<RoomName, UUID> after = placeAll(strategy, six);

        int moved = 0;
        for (RoomName room : before.keySet()) {
            if (!before.get(room).equals(after.get(room))) {
                moved++;
                assertEquals(newcomer.id(), after.get(room), () -> room + " moved between two old monoliths");
            }
        }
        double share = moved / (double) ROOMS;
        assertTrue(share >= 0.05 && share <= 0.40, "expected about 1/6 of the rooms to move, moved " + share);
    }

    @Test
    void repeatedSelectionsOverTheSameMonolithsReuseOneRing() {
        List<TestCandidate> candidates = TestCandidate.seeded(10, 4);
        List<TestCandidate> reordered = new ArrayList<>(candidates);
        Collections.reverse(reordered);
        HashRingStrategy strategy = new HashRingStrategy(5);

        VirtualNodeRing ring = strategy.ringFor(candidates);

        assertSame(ring, strategy.ringFor(candidates));
        assertSame(ring, strategy.ringFor(reordered));
    }

    @Test
    void aChangedMonolithSetGetsANewRing() {
        List<TestCandidate> candidates = TestCandidate.seeded(11, 4);
        HashRingStrategy strategy = new HashRingStrategy(5);

        VirtualNodeRing ring = strategy.ringFor(candidates);

        assertNotSame(ring, strategy.ringFor(candidates.subList(0, 3)));
    }

    @Test
    void aCachedRingIsNotUsedForADifferentSetOfTheSameSize() {
        List<TestCandidate> first = TestCandidate.seeded(12, 3);
        List<TestCandidate> second = TestCandidate.seeded(13, 3);
        HashRingStrategy strategy = new HashRingStrategy(5);
        strategy.select(RoomName.of("warm-up"), first);

        for (RoomName room : rooms().subList(0, 200)) {
            assertTrue(second.contains(strategy.select(room, second).orElseThrow()));
        }
    }

    @Test
    void aListRepeatingAnIdStillYieldsOneOfItsCandidates() {
        List<TestCandidate> three = TestCandidate.seeded(14, 3);
        List<TestCandidate> repeated = List.of(three.get(0), three.get(0), three.get(1));
        HashRingStrategy strategy = new HashRingStrategy(5);
        strategy.select(RoomName.of("warm-up"), three);

        for (RoomName room : rooms().subList(0, 500)) {
            assertTrue(repeated.contains(strategy.select(room, repeated).orElseThrow()));
        }
    }

    @Test
    void weightBelowOneIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new HashRingStrategy(0));
        assertTrue(error.getMessage().contains("weight"));
    }

    @Test
    void weightAboveTheMaximumIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HashRingStrategy(HashRingStrategy.MAX_WEIGHT + 1));
    }
}
