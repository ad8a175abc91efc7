package org.ottbalancer.balancer.routing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.ottbalancer.protocol.RoomName;

/**
 * A uniformly random candidate. {@link ThreadLocalRandom} keeps it contention-free and needs no
 * seeding; the choice does not have to be reproducible because duplicate placements made by
 * different balancers are settled by load epochs (spec §5.5).
 */
public final class RandomStrategy implements SelectionStrategy {

    @Override
    public <C extends Candidate> Optional<C> select(RoomName room, List<C> candidates) {
        return pickUniformly(candidates);
    }

    /** The uniform pick on its own, shared with the "other" HTTP route which ignores the configured strategy. */
    static <C> Optional<C> pickUniformly(List<C> candidates) {
        Objects.requireNonNull(candidates, "candidates");
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())));
    }

    @Override
    public String toString() {
        return "Random";
    }
}
