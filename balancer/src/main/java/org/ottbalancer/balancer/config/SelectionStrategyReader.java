package org.ottbalancer.balancer.config;

import java.util.Set;

/** Maps the {@code [selection_strategy]} table (spec §5.3) to a {@link SelectionStrategyConfig}. */
final class SelectionStrategyReader {
    /**
     * Upstream reads {@code weight} as an unsigned 32-bit integer and builds that many ring nodes per
     * monolith for every placement, so a huge value just exhausts memory. The cap turns that into a
     * startup error; it is far above any useful weight.
     */
    static final int MAX_WEIGHT = 1000;

    private SelectionStrategyReader() {
    }

    static SelectionStrategyConfig read(ConfigTable t) {
        String strategy = t.requireString("strategy");
        if (strategy.equals("MinRooms")) {
            t.warnAboutKeysOtherThan(Set.of("strategy"));
            return new SelectionStrategyConfig.MinRooms();
        }
        if (strategy.equals("HashRing")) {
            t.warnAboutKeysOtherThan(Set.of("strategy", "weight"));
            // Upstream quirk kept on purpose: a table without `weight` yields 0, not the built-in
            // default 5, and the record clamps 0 to 1. DEFAULT_WEIGHT is never reached from a file.
            return new SelectionStrategyConfig.HashRing((int) t.integer("weight", 0, MAX_WEIGHT, 0));
        }
        if (strategy.equals("Random")) {
            t.warnAboutKeysOtherThan(Set.of("strategy"));
            return new SelectionStrategyConfig.Random();
        }
        if (strategy.equals("BoundedLoad")) {
            t.warnAboutKeysOtherThan(Set.of("strategy", "load_factor"));
            double factor = t.number("load_factor", SelectionStrategyConfig.BoundedLoad.DEFAULT_LOAD_FACTOR);
            if (!(factor >= 1.0) || Double.isInfinite(factor)) {
                throw new ConfigException(t.path("load_factor") + ": expected a finite number of at least 1.0, got " + factor);
            }
            return new SelectionStrategyConfig.BoundedLoad(factor);
        }
        throw new ConfigException(t.path("strategy") + ": unknown selection strategy \"" + strategy
                + "\" (expected MinRooms, HashRing, Random or BoundedLoad)");
    }
}
