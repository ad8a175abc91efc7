package org.ottbalancer.balancer.routing;

import java.util.OptionalDouble;
import java.util.UUID;

/**
 * What room placement needs to know about one connected monolith.
 *
 * <p>The balancer's state machine implements this on its own monolith records (or on a cheap
 * snapshot of them); the routing code only reads these values and never keeps a candidate beyond
 * the call that received it.
 */
public interface Candidate {

    /** The monolith's id from its {@code init}; unique among the candidates of one call. */
    UUID id();

    /** The region the monolith announced in {@code init}; compared verbatim with the balancer's region. */
    String region();

    /** Rooms this balancer currently tracks on the monolith (reported rooms plus its own placeholders). */
    int roomCount();

    /** Whether the monolith is being emptied and must not receive new rooms. */
    boolean draining();

    /**
     * A load score from the registry, higher is busier, or empty when unknown. None of upstream's
     * strategies look at it; it is here so a load-aware strategy needs no new plumbing.
     */
    OptionalDouble load();
}
