package org.ottbalancer.balancer.routing;

import java.util.List;
import java.util.Optional;
import org.ottbalancer.protocol.RoomName;

/**
 * Chooses the monolith that should load a room nobody has loaded yet (spec §5.3).
 *
 * <p>Implementations are immutable or hold only immutable, safely published caches, so one
 * instance may be shared by any number of threads. They never modify the candidate list.
 */
public interface SelectionStrategy {

    /**
     * Picks one of {@code candidates} for {@code room}.
     *
     * @param room the room to place; strategies that look at the name use its case-insensitive {@link RoomName#key()}
     * @param candidates the monoliths allowed to take the room, already filtered for draining and region
     * @return the chosen candidate (one of the list's elements), or empty when the list is empty
     */
    <C extends Candidate> Optional<C> select(RoomName room, List<C> candidates);
}
