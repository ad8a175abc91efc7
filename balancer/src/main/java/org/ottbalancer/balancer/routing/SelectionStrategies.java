package org.ottbalancer.balancer.routing;

import java.util.Objects;
import org.ottbalancer.balancer.config.SelectionStrategyConfig;

/** Turns the {@code [selection_strategy]} configuration into the strategy that implements it. */
public final class SelectionStrategies {

    private SelectionStrategies() {
    }

    public static SelectionStrategy from(SelectionStrategyConfig config) {
        Objects.requireNonNull(config, "selection strategy config");
        if (config instanceof SelectionStrategyConfig.MinRooms) {
            return new MinRoomsStrategy();
        }
        if (config instanceof SelectionStrategyConfig.HashRing hashRing) {
            return new HashRingStrategy(hashRing.weight());
        }
        if (config instanceof SelectionStrategyConfig.Random) {
            return new RandomStrategy();
        }
        if (config instanceof SelectionStrategyConfig.BoundedLoad boundedLoad) {
            return new BoundedLoadStrategy(boundedLoad.loadFactor());
        }
        throw new IllegalArgumentException("unsupported selection strategy configuration: " + config);
    }
}
