package org.ottbalancer.balancer.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.RoomName;

class MinRoomsStrategyTest {
    private final MinRoomsStrategy strategy = new MinRoomsStrategy();
    private final RoomName room = RoomName.of("lobby");

    @Test
    void choosesTheCandidateWithTheFewestRooms() {
        TestCandidate busy = TestCandidate.active("unknown", 7);
        TestCandidate quiet = TestCandidate.active("unknown", 2);
        TestCandidate middling = TestCandidate.active("unknown", 4);

        assertSame(quiet, strategy.select(room, List.of(busy, quiet, middling)).orElseThrow());
    }

    @Test
    void tieGoesToTheFirstCandidateInTheList() {
        TestCandidate first = TestCandidate.active("unknown", 3);
        TestCandidate second = TestCandidate.active("unknown", 3);
        TestCandidate busier = TestCandidate.active("unknown", 5);

        assertSame(first, strategy.select(room, List.of(busier, first, second)).orElseThrow());
        assertSame(second, strategy.select(room, List.of(second, first)).orElseThrow());
    }

    @Test
    void ignoresTheRoomName() {
        List<TestCandidate> candidates = List.of(TestCandidate.active("unknown", 1), TestCandidate.active("unknown", 0));

        assertEquals(strategy.select(RoomName.of("a"), candidates), strategy.select(RoomName.of("zzz"), candidates));
    }

    @Test
    void emptyCandidatesSelectNothing() {
        assertEquals(Optional.empty(), strategy.select(room, List.<TestCandidate>of()));
    }
}
