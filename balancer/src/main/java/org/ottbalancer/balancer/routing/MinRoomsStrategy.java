package org.ottbalancer.balancer.routing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ottbalancer.protocol.RoomName;

/**
 * Upstream's default strategy: the candidate with the fewest rooms this balancer tracks.
 *
 * <p>Only room counts matter, not users, exactly as upstream. A tie goes to the earliest candidate
 * in the list, which keeps the choice reproducible for a given list order.
 */
public final class MinRoomsStrategy implements SelectionStrategy {

    @Override
    public <C extends Candidate> Optional<C> select(RoomName room, List<C> candidates) {
        Objects.requireNonNull(candidates, "candidates");
        C best = null;
        for (C candidate : candidates) {
            if (best == null || candidate.roomCount() < best.roomCount()) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return "MinRooms";
    }
}
