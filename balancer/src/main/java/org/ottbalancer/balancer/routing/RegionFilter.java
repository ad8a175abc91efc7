package org.ottbalancer.balancer.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Region preference for new placements (spec §5.2): monoliths in the balancer's own region if there
 * are any, otherwise every monolith.
 *
 * <p>Deliberate fix of an upstream quirk: upstream keeps a region's (empty) list after its last
 * monolith disconnects and then finds no candidates at all, failing joins with 503 / 4000 although
 * other regions could serve them. Here "no monolith in region" always falls back to all of them.
 */
public final class RegionFilter {

    private RegionFilter() {
    }

    /**
     * The candidates a placement in {@code balancerRegion} may use.
     *
     * @return {@code connected} itself when it needs no narrowing (everything or nothing is in
     *     region), otherwise a new unmodifiable list of the in-region monoliths in their original
     *     order; {@code connected} is never modified
     */
    public static <C extends Candidate> List<C> candidates(String balancerRegion, List<C> connected) {
        Objects.requireNonNull(balancerRegion, "balancer region");
        Objects.requireNonNull(connected, "connected monoliths");
        int inRegion = 0;
        for (C candidate : connected) {
            if (balancerRegion.equals(candidate.region())) {
                inRegion++;
            }
        }
        if (inRegion == 0 || inRegion == connected.size()) {
            return connected;
        }
        List<C> result = new ArrayList<>(inRegion);
        for (C candidate : connected) {
            if (balancerRegion.equals(candidate.region())) {
                result.add(candidate);
            }
        }
        return List.copyOf(result);
    }
}
