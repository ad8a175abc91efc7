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

    /**
     * Rendezvous hashing of the room name over the candidates whose registry {@code load} is at most
     * {@code loadFactor} times their average; the least loaded when none is. It reads only what every
     * balancer sees alike (the registry and the room name), so all balancers place a new room on the
     * same monolith, while monoliths that report themselves hot stop taking new rooms.
     *
     * @param loadFactor how far above the average a monolith may be and still take new rooms; at
     *     least 1, because below 1 even a fleet of equally loaded monoliths would all be "too hot"
     */
    record BoundedLoad(double loadFactor) implements SelectionStrategyConfig {
        public static final double DEFAULT_LOAD_FACTOR = 1.25;

        public BoundedLoad {
            if (!(loadFactor >= 1.0) || Double.isInfinite(loadFactor)) {
                throw new IllegalArgumentException("BoundedLoad load_factor must be a finite number of at least 1.0, got "
                        + loadFactor);
            }
        }
    }
}
