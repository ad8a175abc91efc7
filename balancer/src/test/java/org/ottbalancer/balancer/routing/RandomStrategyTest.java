package org.ottbalancer.balancer.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.RoomName;

class RandomStrategyTest {
    private final RandomStrategy strategy = new RandomStrategy();
    private final RoomName room = RoomName.of("lobby");

    @Test
    void picksOnlyFromTheCandidates() {
        List<TestCandidate> candidates = List.of(TestCandidate.active("unknown", 0), TestCandidate.active("unknown", 0));
        for (int i = 0; i < 1000; i++) {
            assertTrue(candidates.contains(strategy.select(room, candidates).orElseThrow()));
        }
    }

    @Test
    void eventuallyPicksEveryCandidate() {
        List<TestCandidate> candidates = List.of(
                TestCandidate.active("unknown", 0), TestCandidate.active("unknown", 9), TestCandidate.active("unknown", 4));
        Set<TestCandidate> seen = new HashSet<>();
        // The chance of missing one of three in 10 000 uniform picks is about 3 * (2/3)^10000.
        for (int i = 0; i < 10_000 && seen.size() < candidates.size(); i++) {
            seen.add(strategy.select(room, candidates).orElseThrow());
        }
        assertEquals(Set.copyOf(candidates), seen);
    }

    @Test
    void emptyCandidatesSelectNothing() {
        assertEquals(Optional.empty(), strategy.select(room, List.<TestCandidate>of()));
    }
}
