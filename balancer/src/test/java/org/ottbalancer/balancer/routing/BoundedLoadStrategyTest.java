package org.ottbalancer.balancer.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.RoomName;

class BoundedLoadStrategyTest {
    private static final int ROOMS = 400;

    private final BoundedLoadStrategy strategy = new BoundedLoadStrategy(1.25);

    private static TestCandidate loaded(long seed, double load) {
        Random random = new Random(seed);
        return new TestCandidate(new UUID(random.nextLong(), random.nextLong()), "unknown", 0, false,
                OptionalDouble.of(load));
    }

    private static TestCandidate unloaded(long seed) {
        Random random = new Random(seed);
        return TestCandidate.withId(new UUID(random.nextLong(), random.nextLong()));
    }

    private static RoomName room(int i) {
        return RoomName.of("room-" + i);
    }

    private UUID placed(BoundedLoadStrategy s, int room, List<TestCandidate> candidates) {
        return s.select(room(room), candidates).orElseThrow().id();
    }

    private static UUID rendezvous(int room, List<TestCandidate> candidates) {
        return Rendezvous.pick(room(room).key(), candidates).orElseThrow().id();
    }

    @Test
    void separateInstancesAndAnyCandidateOrderPlaceEveryRoomAlike() {
        List<TestCandidate> candidates = List.of(loaded(1, 0.3), loaded(2, 0.7), loaded(3, 0.55), loaded(4, 0.9),
                unloaded(5));
        BoundedLoadStrategy elsewhere = new BoundedLoadStrategy(1.25);
        for (int i = 0; i < ROOMS; i++) {
            List<TestCandidate> shuffled = new ArrayList<>(candidates);
            Collections.shuffle(shuffled, new Random(i));
            assertEquals(placed(strategy, i, candidates), placed(elsewhere, i, shuffled), "room-" + i);
        }
    }

    @Test
    void roomNamesDifferingOnlyInCaseArePlacedAlike() {
        List<TestCandidate> candidates = List.of(loaded(1, 1), loaded(2, 1), loaded(3, 1));
        for (int i = 0; i < 50; i++) {
            assertEquals(strategy.select(RoomName.of("Lounge-" + i), candidates),
                    strategy.select(RoomName.of("lounge-" + i), candidates));
        }
    }

    @Test
    void withoutLoadsItIsPlainRendezvousHashing() {
        List<TestCandidate> candidates = List.of(unloaded(1), unloaded(2), unloaded(3), unloaded(4));
        for (int i = 0; i < ROOMS; i++) {
            assertEquals(rendezvous(i, candidates), placed(strategy, i, candidates));
        }
    }

    @Test
    void monolithAboveTheCapGetsNoNewRooms() {
        TestCandidate hot = loaded(4, 10); // average 3.25, cap 4.06
        List<TestCandidate> candidates = List.of(loaded(1, 1), loaded(2, 1), loaded(3, 1), hot);
        for (int i = 0; i < ROOMS; i++) {
            assertNotEquals(hot.id(), placed(strategy, i, candidates), "room-" + i);
        }
    }

    @Test
    void roomsOfMonolithsBelowTheCapStayWhereRendezvousPutsThem() {
        TestCandidate hot = loaded(4, 10);
        List<TestCandidate> candidates = List.of(loaded(1, 1), loaded(2, 1), loaded(3, 1), hot);
        int kept = 0;
        for (int i = 0; i < ROOMS; i++) {
            UUID plain = rendezvous(i, candidates);
            if (!plain.equals(hot.id())) {
                assertEquals(plain, placed(strategy, i, candidates), "room-" + i);
                kept++;
            }
        }
        assertTrue(kept > ROOMS / 2, "most rooms hash to the three cool monoliths");
    }

    @Test
    void monolithExactlyAtTheCapStillTakesRooms() {
        TestCandidate atCap = loaded(2, 5); // average 4, cap 1.25 * 4 = 5
        List<TestCandidate> candidates = List.of(loaded(1, 3), atCap);
        Set<UUID> used = new HashSet<>();
        for (int i = 0; i < ROOMS; i++) {
            used.add(placed(strategy, i, candidates));
        }
        assertTrue(used.contains(atCap.id()));
    }

    @Test
    void largerLoadFactorToleratesHotterMonoliths() {
        TestCandidate warm = loaded(3, 2); // average 4/3: over a 1.25 cap (1.67), under a 2.0 cap (2.67)
        List<TestCandidate> candidates = List.of(loaded(1, 1), loaded(2, 1), warm);
        BoundedLoadStrategy tolerant = new BoundedLoadStrategy(2.0);
        Set<UUID> strict = new HashSet<>();
        Set<UUID> lenient = new HashSet<>();
        for (int i = 0; i < ROOMS; i++) {
            strict.add(placed(strategy, i, candidates));
            lenient.add(placed(tolerant, i, candidates));
        }
        assertTrue(!strict.contains(warm.id()) && lenient.contains(warm.id()));
    }

    @Test
    void monolithWithoutALoadCountsAsAverageAndKeepsTakingRooms() {
        TestCandidate unknown = unloaded(1);
        TestCandidate hot = loaded(3, 10); // average of the known loads 5.5, cap 6.875
        List<TestCandidate> candidates = List.of(unknown, loaded(2, 1), hot);
        Set<UUID> used = new HashSet<>();
        for (int i = 0; i < ROOMS; i++) {
            used.add(placed(strategy, i, candidates));
        }
        assertEquals(Set.of(unknown.id(), candidates.get(1).id()), used);
    }

    @Test
    void whenEveryMonolithIsFullTheRoomIsStillPlacedByRendezvous() {
        List<TestCandidate> full = List.of(loaded(1, Double.POSITIVE_INFINITY), loaded(2, Double.POSITIVE_INFINITY),
                loaded(3, Double.POSITIVE_INFINITY));
        for (int i = 0; i < ROOMS; i++) {
            assertEquals(rendezvous(i, full), placed(strategy, i, full));
        }
    }

    @Test
    void fullMonolithGetsNoNewRoomsAndDoesNotRaiseTheCapForOthers() {
        TestCandidate full = loaded(3, Double.POSITIVE_INFINITY);
        TestCandidate hot = loaded(2, 10); // average of the finite loads 5.5, cap 6.875
        List<TestCandidate> candidates = List.of(loaded(1, 1), hot, full);
        for (int i = 0; i < ROOMS; i++) {
            assertEquals(candidates.get(0).id(), placed(strategy, i, candidates));
        }
    }

    @Test
    void addingAMonolithMovesOnlyRoomsToTheNewOne() {
        List<TestCandidate> before = List.of(loaded(1, 1), loaded(2, 1), loaded(3, 1));
        TestCandidate newcomer = loaded(4, 1);
        List<TestCandidate> after = List.of(before.get(0), before.get(1), before.get(2), newcomer);
        int moved = 0;
        for (int i = 0; i < ROOMS; i++) {
            UUID was = placed(strategy, i, before);
            UUID is = placed(strategy, i, after);
            if (!was.equals(is)) {
                assertEquals(newcomer.id(), is, "room-" + i + " moved between two old monoliths");
                moved++;
            }
        }
        assertTrue(moved > 0 && moved < ROOMS / 2, moved + " of " + ROOMS + " rooms moved");
    }

    @Test
    void noCandidatesMeansNoChoice() {
        assertEquals(Optional.empty(), strategy.select(room(1), List.<TestCandidate>of()));
    }

    @Test
    void loadFactorBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedLoadStrategy(0.9));
        assertThrows(IllegalArgumentException.class, () -> new BoundedLoadStrategy(Double.NaN));
    }
}
