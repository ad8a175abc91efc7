package org.ottbalancer.balancer.config;

/** How a new room is placed: the {@code [selection_strategy]} table, keyed by {@code strategy}. */
public sealed interface SelectionStrategyConfig {

    /** The candidate with the fewest rooms known to this balancer (upstream's default). */
    record MinRooms() implements SelectionStrategyConfig {
    }

    /**
     * Consistent hashing of the lower-cased room name; each monolith gets {@code weight} virtual
     * nodes. A weight of 0 (what upstream reads when the key is absent) is clamped to 1.
     */
    record HashRing(int weight) implements SelectionStrategyConfig {
        public static final int DEFAULT_WEIGHT = 5;

        public HashRing {
            if (weight < 0) {
                throw new IllegalArgumentException("HashRing weight must not be negative, got " + weight);
            }
            weight = Math.max(1, weight);
        }
    }

    /** A uniformly random candidate. */
    record Random() implements SelectionStrategyConfig {
    }
}
