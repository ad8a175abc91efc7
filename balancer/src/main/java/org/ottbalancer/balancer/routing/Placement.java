package org.ottbalancer.balancer.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.ottbalancer.protocol.RoomName;

/**
 * Where a new room, or a stateless HTTP request, should go: draining monoliths are set aside, the
 * region preference is applied, then a choice is made.
 *
 * <p>This only covers rooms nobody has loaded. A room that already has a mapping must be routed to
 * its mapped monolith whatever its region or draining state (spec §5.2, §10 item 7); the caller
 * looks the mapping up first.
 *
 * <p>Draining is filtered <em>before</em> region: if every in-region monolith is draining, new rooms
 * go to active monoliths of other regions rather than to a monolith that is being emptied.
 */
public final class Placement {
    private final String balancerRegion;
    private final SelectionStrategy strategy;

    public Placement(String balancerRegion, SelectionStrategy strategy) {
        this.balancerRegion = Objects.requireNonNull(balancerRegion, "balancer region");
        this.strategy = Objects.requireNonNull(strategy, "selection strategy");
    }

    public String balancerRegion() {
        return balancerRegion;
    }

    public SelectionStrategy strategy() {
        return strategy;
    }

    /**
     * The monolith that should load {@code room}, chosen by the configured strategy among the
     * non-draining, region-preferred monoliths.
     *
     * <p>Empty when no monolith is connected, and also when every connected monolith is draining:
     * putting a new room on a monolith that is being emptied would only force a second move, so the
     * caller answers as if no monolith were available (503 / close 4000) and the client retries.
     */
    public <C extends Candidate> Optional<C> place(RoomName room, List<C> connected) {
        Objects.requireNonNull(room, "room");
        return strategy.select(room, RegionFilter.candidates(balancerRegion, eligible(connected)));
    }

    /**
     * A uniformly random monolith for the "other" HTTP route, regardless of the configured strategy
     * (spec §5.3), among the non-draining, region-preferred monoliths.
     *
     * <p>If every monolith is draining, the draining ones are used: a stateless request leaves
     * nothing behind on the monolith, and a draining monolith still serves HTTP, so answering it
     * there beats refusing it. Empty only when nothing is connected.
     */
    public <C extends Candidate> Optional<C> randomAny(List<C> connected) {
        List<C> active = eligible(connected);
        List<C> pool = active.isEmpty() ? connected : active;
        return RandomStrategy.pickUniformly(RegionFilter.candidates(balancerRegion, pool));
    }

    /**
     * The monoliths that may take new rooms: all but the draining ones.
     *
     * @return {@code connected} itself if none is draining, otherwise a new unmodifiable list in the
     *     original order; {@code connected} is never modified
     */
    public static <C extends Candidate> List<C> eligible(List<C> connected) {
        Objects.requireNonNull(connected, "connected monoliths");
        int drainingCount = 0;
        for (C candidate : connected) {
            if (candidate.draining()) {
                drainingCount++;
            }
        }
        if (drainingCount == 0) {
            return connected;
        }
        List<C> result = new ArrayList<>(connected.size() - drainingCount);
        for (C candidate : connected) {
            if (!candidate.draining()) {
                result.add(candidate);
            }
        }
        return List.copyOf(result);
    }

    /**
     * The new home of a room that is leaving {@code leaving}: a non-draining, region-preferred
     * monolith other than the one giving the room up, chosen by rendezvous hashing so that every
     * balancer with the same view picks the same one. Empty when there is none.
     */
    public <C extends Candidate> Optional<C> rehome(RoomName room, List<C> connected, UUID leaving) {
        List<C> others = new ArrayList<>(connected.size());
        for (C c : eligible(connected)) {
            if (!c.id().equals(leaving)) {
                others.add(c);
            }
        }
        return Rendezvous.pick(room.key(), RegionFilter.candidates(balancerRegion, others));
    }

    @Override
    public String toString() {
        return "Placement(region=" + balancerRegion + ", strategy=" + strategy + ")";
    }
}
